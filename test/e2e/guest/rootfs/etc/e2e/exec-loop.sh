#!/bin/sh
# The host's exec channel on a serial port: each request is one line "<base64 shell command> <id>";
# the command's stdout and stderr go back on the port, then "__RC_<id>=<exit status>".
# Base64 keeps quotes and newlines of the command out of the line protocol.
# usage: exec-loop.sh PORT READY_FILE (created once requests can be read)
port=$1
stty -F "$port" raw -echo
exec <"$port" >"$port" 2>&1
touch "$2"
while read -r command id; do
  sh -c "$(echo "$command" | base64 -d)" </dev/null 2>&1
  echo "__RC_${id}=$?"
done
