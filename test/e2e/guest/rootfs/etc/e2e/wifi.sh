#!/bin/sh
# Wi-Fi in the guest on mac80211_hwsim's two radios: the access point is "another machine" (phy0/wlan0
# moved into the network namespace "ap", so Mamori sees only the station's adapter), the station is
# wlan1 with wpa_supplicant, as on a PC without NetworkManager.
#   wifi.sh ap CONF            (re)start hostapd in "ap" with /etc/e2e/CONF
#   wifi.sh join SSID [PSK]    point the station at SSID (open without PSK, WPA-PSK with it)
#   wifi.sh watch SSID         in the background: print "E2E ASSOCIATED SSID" on the console once associated
set -e
# busybox sh runs its own applets before anything on PATH: iproute2's ip (for netns) by its path.
ip=/usr/sbin/ip
case $1 in
  ap)
    if [ ! -e /run/netns/ap ]; then
      $ip netns add ap
      iw phy phy0 set netns name ap
      $ip netns exec ap $ip link set lo up
    fi
    if [ -e /run/hostapd.pid ]; then
      pid=$(cat /run/hostapd.pid)
      kill "$pid"
      while kill -0 "$pid" 2>/dev/null; do usleep 20000; done
    fi
    $ip netns exec ap hostapd -B -P /run/hostapd.pid "/etc/e2e/$2" >/run/hostapd.log
    ;;
  join)
    [ -e /run/wpa_supplicant.pid ] || wpa_supplicant -B -D nl80211 -i wlan1 -c /etc/e2e/wpa_supplicant.conf -P /run/wpa_supplicant.pid
    wpa_cli -i wlan1 remove_network all >/dev/null
    n=$(wpa_cli -i wlan1 add_network)
    wpa_cli -i wlan1 set_network "$n" ssid "\"$2\"" >/dev/null
    if [ -n "$3" ]; then
      wpa_cli -i wlan1 set_network "$n" psk "\"$3\"" >/dev/null
    else
      wpa_cli -i wlan1 set_network "$n" key_mgmt NONE >/dev/null
    fi
    wpa_cli -i wlan1 enable_network "$n" >/dev/null
    ;;
  watch)
    (until iw dev wlan1 link | grep -q "SSID: $2\$"; do usleep 50000; done; echo "E2E ASSOCIATED $2" >/dev/console) </dev/null >/dev/null 2>&1 &
    ;;
esac
