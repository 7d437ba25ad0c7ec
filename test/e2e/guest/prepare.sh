#!/usr/bin/env bash
# Makes the e2e guest image: .cache/e2e/image.json naming a kernel and an initramfs.
#   base layer (build-base.sh): the current Debian kernel, Debian tools, Node; cached under
#     .cache/e2e/base-<key>, key = kernel package + versions of packages.txt + Node + host kmod + guest/ files.
#   Mamori layer: out/, bin/, policies/, package.json and the production node_modules, as /app. Packed on
#     every run (≈1 s; out/ changes with every build) and appended: the kernel unpacks concatenated cpio archives.
# Needs a Debian 12 host with qemu-system-x86, kmod and binutils (strip); root only to refresh apt's lists.
set -euo pipefail
repo=$(cd "$(dirname "$0")/../../.." && pwd)
guest="$repo/test/e2e/guest"
cache="$repo/.cache/e2e"
node_bin=$(readlink -f "$(command -v node)")
mkdir -p "$cache"

for tool in qemu-system-x86_64 dpkg-deb apt-get apt-cache kmod depmod strip ldd; do
  command -v "$tool" >/dev/null || { echo "e2e: $tool is missing (apt-get install qemu-system-x86 kmod binutils)" >&2; exit 1; }
done
"$node_bin" -e 'process.exit(Number(process.versions.node.split(".")[0]) >= 22 ? 0 : 1)' ||
  { echo "e2e: the guest runs the host's node, which must be >= 22 (. scripts/node22.sh)" >&2; exit 1; }

# The kernel ABI package linux-image-amd64 depends on now (old ABI packages leave the mirror).
kernel_package() { apt-cache depends linux-image-amd64 2>/dev/null | awk '/Depends: linux-image-[0-9]/ { print $2; exit }'; }
# "package version" lines for the kernel and packages.txt, from apt's local lists.
versions() {
  apt-cache show --no-all-versions "$1" $(grep -v -e '^#' -e '^$' "$guest/packages.txt") 2>/dev/null |
    awk '/^Package:/ { p = $2 } /^Version:/ { print p, $2 }'
}
# What the base layer is made of: a change to any of it (even a file's mode) builds it again.
cache_key() {
  { versions "$1"; "$node_bin" --version; kmod --version | head -1
    (cd "$guest" && find . -type f -printf '%m %p\n' | LC_ALL=C sort && find . -type f | LC_ALL=C sort | xargs sha256sum); } |
    sha256sum | cut -c1-16
}

kpkg=$(kernel_package)
key=${kpkg:+$(cache_key "$kpkg")}
if [ -z "$kpkg" ] || [ ! -f "$cache/base-$key/done" ]; then
  # A miss: refresh apt's lists (where we may) so the newest kernel and packages are used and downloadable.
  [ "$(id -u)" = 0 ] && apt-get update -qq
  kpkg=$(kernel_package)
  [ -n "$kpkg" ] || { echo "e2e: apt knows no linux-image-amd64 (apt-get update as root)" >&2; exit 1; }
  key=$(cache_key "$kpkg")
fi
base="$cache/base-$key"
if [ ! -f "$base/done" ]; then
  echo "e2e: building the guest base image for $kpkg (cache miss)" >&2
  find "$cache" -maxdepth 1 -name 'base-*' -exec rm -rf {} +
  bash "$guest/build-base.sh" "$base" "$kpkg" "$node_bin"
  echo "$kpkg" > "$base/done"
fi

# Mamori's layer, what `npm ls --omit=dev` says runtime needs. node-usb's addon: the glibc linux-x64 build only.
app=$(mktemp -d)
trap 'rm -rf "$app"' EXIT
mkdir -p "$app/app/out" "$app/app/node_modules"
cp -a "$repo/out/src" "$app/app/out/"
cp -a "$repo/bin" "$repo/policies" "$repo/package.json" "$app/app/"
(cd "$repo" && npm ls --omit=dev --parseable --all 2>/dev/null) | grep '/node_modules/' | while read -r dir; do
  mkdir -p "$app/app/${dir#"$repo"/}"
  cp -a "$dir/." "$app/app/${dir#"$repo"/}/"
done
usb="$app/app/node_modules/usb"
rm -rf "$usb/libusb" "$usb/src" "$usb/test" "$app/app/node_modules/@types"
find "$usb/prebuilds" -mindepth 1 -maxdepth 1 ! -name linux-x64 -exec rm -rf {} +
find "$usb/prebuilds/linux-x64" -type f ! -name '*.glibc.node' -delete
(cd "$app" && find . | "$base/busybox" cpio -o -H newc 2>/dev/null) > "$cache/app.cpio"
cat "$base/base.cpio" "$cache/app.cpio" > "$cache/initramfs.cpio"

printf '{"kernel":"%s","initrd":"%s","kernelPackage":"%s","key":"%s"}\n' \
  "$base/vmlinuz" "$cache/initramfs.cpio" "$(cat "$base/done")" "$key" > "$cache/image.json"
echo "e2e: image ready ($(cat "$base/done"), base $key)" >&2
