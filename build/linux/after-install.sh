#!/bin/sh
# deb postinst / rpm %post (electron-builder deb.afterInstall, rpm.afterInstall), on install and on
# upgrade. The app is in /opt/Mamori; this puts in place what lives outside it:
#   /usr/bin/mamori, /usr/sbin/mamori-helper   the administrators' commands (links to resources/bin/mamori)
#   /etc/xdg/autostart/mamori-agent.desktop    the tray app starts at sign-in for every user
#   mamori-helper.service + tmpfiles.d         the network-isolation helper, enabled and (re)started
#   /etc/mamori 0755, /var/lib/mamori 0755, /var/lib/mamori/isolation 0700, all root's (tmpfiles)
# It replaces electron-builder's default after-install, whose Electron sandbox steps are kept below.
# electron-builder expands $-brace macros with letter-only names here, so this file has none.
# MAMORI_PKG_ROOT prefixes every path written (a test installs into a scratch folder); it is empty in
# a real install.
set -e
root=$MAMORI_PKG_ROOT
app=/opt/Mamori
res=$app/resources

install -d -m 0755 "$root/usr/bin" "$root/usr/sbin" "$root/etc/xdg/autostart" \
  "$root/usr/lib/systemd/system" "$root/usr/lib/tmpfiles.d"
ln -sfn "$res/bin/mamori" "$root/usr/bin/mamori"
ln -sfn "$res/bin/mamori" "$root/usr/sbin/mamori-helper"
# Copies, not links: systemd reads units before /opt may be mounted.
install -m 0644 "$root$res/linux/mamori-agent.desktop" "$root/etc/xdg/autostart/mamori-agent.desktop"
install -m 0644 "$root$res/linux/mamori-helper.service" "$root/usr/lib/systemd/system/mamori-helper.service"
install -m 0644 "$root$res/linux/mamori-helper.tmpfiles.conf" "$root/usr/lib/tmpfiles.d/mamori-helper.conf"

# Creates the folders, and gives back to root any that were there with other owners or modes.
systemd-tmpfiles ${root:+"--root=$root"} --create mamori-helper.conf

systemctl ${root:+"--root=$root"} enable mamori-helper.service
if [ -d "$root/run/systemd/system" ]; then
  systemctl daemon-reload
  # A restart, not `enable --now`: an upgrade must run the new code. Stopping never lifts isolation;
  # the new helper re-applies recorded isolation before it serves (docs/isolation.md §1.4).
  # A helper that cannot start must not fail the package: without it the tray falls back to turning
  # networking off and telling staff to pull the cable (docs/isolation.md §1.8).
  systemctl restart mamori-helper.service ||
    echo "mamori: mamori-helper.service did not start; see: journalctl -u mamori-helper.service" >&2
fi

# Electron's sandbox, as electron-builder's default after-install sets it up: the SUID helper only
# where unprivileged user namespaces are unavailable; on Ubuntu 24.04+, where AppArmor restricts
# them, the AppArmor profile electron-builder ships in resources/ allows them for the app.
if [ -L /proc/self/ns/user ] && unshare --user true 2>/dev/null; then
  chmod 0755 "$root$app/chrome-sandbox"
else
  chmod 4755 "$root$app/chrome-sandbox"
fi
if apparmor_status --enabled >/dev/null 2>&1 &&
  apparmor_parser --skip-kernel-load --debug "$root$res/apparmor-profile" >/dev/null 2>&1; then
  install -m 0644 "$root$res/apparmor-profile" "$root/etc/apparmor.d/mamori-agent"
  if [ -z "$root" ] && ! { [ -x /usr/bin/ischroot ] && /usr/bin/ischroot; }; then
    apparmor_parser --replace --write-cache --skip-read-cache /etc/apparmor.d/mamori-agent
  fi
fi
