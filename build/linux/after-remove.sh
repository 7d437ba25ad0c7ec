#!/bin/sh
# deb postrm / rpm %postun (electron-builder deb.afterRemove, rpm.afterRemove). Undoes after-install.sh
# on removal only: an upgrade also runs it (deb `upgrade`, rpm 1), after the new package's
# after-install, and must leave everything in place. MAMORI_PKG_ROOT: as in after-install.sh.
#
# Isolation is not lifted. Stopping the helper leaves its nftables table in the kernel, so a PC
# isolated at the time stays isolated until it restarts: removing the package is no silent release.
# Release first (`mamori-helper release --reason TEXT`), so the release is in the audit log.
# /var/lib/mamori (isolation state and audit log: evidence for the CSIRT, also on purge), /etc/mamori
# (the organisation's policy) and the last good policy stay; a reinstall re-applies recorded isolation.
set -e
case $1 in
  remove | purge | 0) ;;
  *) exit 0 ;;
esac
root=$MAMORI_PKG_ROOT

if [ -d "$root/run/systemd/system" ]; then
  systemctl stop mamori-helper.service || true
fi
systemctl ${root:+"--root=$root"} disable mamori-helper.service || true
rm -f "$root/usr/bin/mamori" "$root/usr/sbin/mamori-helper" \
  "$root/etc/xdg/autostart/mamori-agent.desktop" \
  "$root/usr/lib/systemd/system/mamori-helper.service" "$root/usr/lib/tmpfiles.d/mamori-helper.conf"
if [ -d "$root/run/systemd/system" ]; then
  systemctl daemon-reload
fi
if [ -f "$root/etc/apparmor.d/mamori-agent" ]; then
  if [ -z "$root" ]; then apparmor_parser --remove /etc/apparmor.d/mamori-agent 2>/dev/null || true; fi
  rm -f "$root/etc/apparmor.d/mamori-agent"
fi

if [ -z "$root" ] && nft list table inet mamori_isolation >/dev/null 2>&1; then
  cat >&2 <<'EOF'
mamori: this PC is still isolated from the network (nftables table inet mamori_isolation).
Removing Mamori does not lift isolation; it lasts until the PC restarts. The isolation audit log is
kept in /var/lib/mamori/isolation/. To lift it now, as root: nft delete table inet mamori_isolation
EOF
fi
