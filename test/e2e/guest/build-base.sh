#!/usr/bin/env bash
# Builds the guest's base layer from Debian packages: OUT/vmlinuz and OUT/base.cpio, an initramfs with
# busybox, udevd, the Wi-Fi tools, nftables, iproute2, kmod, Node and their libraries, the kernel modules
# of etc/e2e/modules-* (+ what the kernel may load on demand), and rootfs/ (init, exec loop, configs).
# Mamori itself is not in it: prepare.sh adds it as a second, cheap layer on every run.
#
# usage: build-base.sh OUT_DIR KERNEL_PACKAGE NODE_BINARY   (Debian 12 host; apt-get download works as any user)
set -euo pipefail
out=$1 kpkg=$2 node_bin=$3
guest=$(cd "$(dirname "$0")" && pwd)
kv=${kpkg#linux-image-}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$out" "$work/debs"
# As root, apt downloads as its _apt user: let it write there (else it falls back to root, with a warning).
if [ "$(id -u)" = 0 ] && id _apt >/dev/null 2>&1; then chmod 755 "$work" && chown _apt "$work/debs"; fi

# 1. Debian packages, unpacked: the kernel on its own (≈400 MB, discarded), everything else into one tree.
cd "$work"
mapfile -t packages < <(grep -v -e '^#' -e '^$' "$guest/packages.txt")
(cd debs && apt-get download -q "$kpkg" "${packages[@]}" >/dev/null)
mkdir kroot staging rootfs
dpkg-deb -x debs/"$kpkg"_*.deb kroot
depmod -b "$work/kroot" "$kv"
for deb in debs/*.deb; do [[ $deb == debs/"$kpkg"_* ]] || dpkg-deb -x "$deb" staging; done
staging_libs="$work/staging/lib/x86_64-linux-gnu:$work/staging/usr/lib/x86_64-linux-gnu"

# 2. Skeleton. /var/run is where wpa_cli (and so systeminformation) looks for wpa_supplicant.
root="$work/rootfs"
mkdir -p "$root"/{bin,sbin,usr/bin,usr/sbin,lib64,lib/x86_64-linux-gnu,lib/systemd,lib/modules,proc,sys,dev,run,tmp,root,var/lib,etc,app}
ln -s ../run "$root/var/run"
cp -a "$guest/rootfs/." "$root/"

# 3. busybox applets first; real binaries below replace the applets of the same name. Not its package
# managers: Mamori's software inventory would take busybox's rpm and dpkg for the real ones.
cp staging/bin/busybox "$root/bin/busybox"
for applet in $("$root/bin/busybox" --list-full | grep -v -E '/(rpm|rpm2cpio|dpkg|dpkg-deb)$'); do
  [ -e "$root/$applet" ] || ln -s /bin/busybox "$root/$applet"
done

# 4. ELF binaries and every library they load (resolved against the unpacked packages first).
copy_libs() {
  local lib
  LD_LIBRARY_PATH=$staging_libs ldd "$1" | awk '/not found/ { print "missing library: " $1 > "/dev/stderr"; exit 1 } /=> \// { print $1, $3 }' |
    while read -r name path; do cp -L "$path" "$root/lib/x86_64-linux-gnu/$name"; done
  cp -L /lib64/ld-linux-x86-64.so.2 "$root/lib64/"
}
install_elf() { # SOURCE DEST
  rm -f "$root/$2"
  cp -L "$1" "$root/$2"
  copy_libs "$1"
}
install_elf staging/bin/udevadm usr/bin/udevadm
ln -s /usr/bin/udevadm "$root/lib/systemd/systemd-udevd"
for tool in usr/sbin/hostapd usr/sbin/hostapd_cli sbin/wpa_supplicant sbin/wpa_cli sbin/iw usr/sbin/nft bin/ip bin/ss; do
  install_elf "staging/$tool" "usr/sbin/$(basename "$tool")"
done
# libudev is what node-usb's prebuilt addon links against (the addon comes with Mamori's layer).
cp -L staging/usr/lib/x86_64-linux-gnu/libudev.so.1 "$root/lib/x86_64-linux-gnu/" 2>/dev/null || cp -L staging/lib/x86_64-linux-gnu/libudev.so.1 "$root/lib/x86_64-linux-gnu/"
# The host's kmod, as modprobe: the kernel calls /sbin/modprobe to load nft expressions and crypto on demand.
install_elf "$(command -v kmod)" usr/bin/kmod
for name in modprobe insmod rmmod lsmod modinfo depmod; do ln -sf /usr/bin/kmod "$root/sbin/$name"; done
# Node without its debug symbols (125 → ≈100 MB, which the guest unpacks at every boot).
strip --strip-all -o "$work/node" "$node_bin"
install_elf "$work/node" usr/bin/node
echo /lib/x86_64-linux-gnu > "$root/etc/ld.so.conf"
ldconfig -r "$root"

# 5. Kernel modules: the listed ones with their dependencies, plus whole subtrees the kernel asks
# modprobe for at run time (nft expressions, crypto algorithms for WPA2), then depmod.
kmods="lib/modules/$kv"
mkdir -p "$root/$kmods"
mapfile -t wanted < <(grep -hv "^#" "$guest"/rootfs/etc/e2e/modules-*)
for mod in "${wanted[@]}"; do
  modprobe -d "$work/kroot" -S "$kv" --show-depends "$mod" | awk '$1 == "insmod" { print $2 }'
done | sort -u | while read -r ko; do
  mkdir -p "$root/$(dirname "${ko#"$work"/kroot/}")"
  cp "$ko" "$root/${ko#"$work"/kroot/}"
done
for tree in kernel/crypto kernel/arch/x86/crypto kernel/lib kernel/net/netfilter kernel/net/ipv4/netfilter kernel/net/ipv6/netfilter; do
  mkdir -p "$root/$kmods/$(dirname "$tree")"
  cp -a "kroot/$kmods/$tree" "$root/$kmods/$(dirname "$tree")/"
done
cp kroot/"$kmods"/modules.{builtin,builtin.modinfo,order} "$root/$kmods/"
depmod -b "$root" "$kv"

# 6. Pack (uncompressed: a TCG guest decompresses slowly). busybox stays beside it to pack Mamori's layer.
(cd "$root" && find . | "$root/bin/busybox" cpio -o -H newc 2>/dev/null) > "$out/base.cpio"
cp "kroot/boot/vmlinuz-$kv" "$out/vmlinuz"
cp "$root/bin/busybox" "$out/busybox"
