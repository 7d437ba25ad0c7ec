#!/bin/sh
# A small network around the guest for the isolation test, as test/node/isolation/netns.test.ts builds
# it on the host: the guest itself is the PC; two namespaces joined to it by veth pairs play the CSIRT
# (10.203.0.2) and the internet (10.203.0.6), each running test/node/isolation/fixtures/tiny-server.js.
# What the PC reaches is asked with reach.js.
#   net.sh setup SERVER_JS     create the namespaces, links and servers
set -e
ip=/usr/sbin/ip # busybox sh prefers its own ip applet, which has no netns
case $1 in
  setup)
    for peer in csirt:10.203.0.1:10.203.0.2:'8443 8080' inet:10.203.0.5:10.203.0.6:8080; do
      IFS=: read -r ns pc addr ports <<EOT
$peer
EOT
      $ip netns add "$ns"
      $ip netns exec "$ns" $ip link set lo up
      $ip link add "to-$ns" type veth peer name eth0 netns "$ns"
      $ip addr add "$pc/30" dev "to-$ns"
      $ip link set "to-$ns" up
      $ip netns exec "$ns" $ip addr add "$addr/30" dev eth0
      $ip netns exec "$ns" $ip link set eth0 up
      # shellcheck disable=SC2086 # one argument per port
      $ip netns exec "$ns" setsid node "$2" "$ns" $ports >"/run/server-$ns.log" 2>&1 &
      until grep -qs ready "/run/server-$ns.log"; do usleep 50000; done
    done
    ;;
esac
