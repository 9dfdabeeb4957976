#!/bin/sh
# Builds the conformance driver (wskconf.sys) and its relay (wskconf-relay.exe), x64, with mingw-w64.
# Usage: c/conformance/build.sh [OUTDIR]   (default: build/conformance)
set -eu
here="$(cd "$(dirname "$0")" && pwd)"
out="${1:-$here/../../build/conformance}"
cc="${CC_X64:-x86_64-w64-mingw32-gcc}"
command -v "$cc" >/dev/null 2>&1 || { echo "build.sh: $cc not found (Debian: apt-get install gcc-mingw-w64-x86-64)" >&2; exit 2; }
mkdir -p "$out"
inc="-I$here/../include -I$here"
ddk="$("$cc" -print-sysroot 2>/dev/null)"
[ -d "$ddk/include/ddk" ] || ddk="/usr/x86_64-w64-mingw32"
netio="${WSKC_NETIO_LIB:-}"
if [ -z "$netio" ]; then
  for f in /usr/lib/x86_64-linux-gnu/wine/x86_64-windows/libnetio.a "$here/libnetio.a"; do
    [ -f "$f" ] && { netio="$f"; break; }
  done
fi
if [ -z "$netio" ]; then
  # netio.sys exports WskRegister & co.; an import library made from its .def works wherever libwine-dev is absent.
  x86_64-w64-mingw32-dlltool -d "$here/netio.def" -l "$out/libnetio.a" -D netio.sys
  netio="$out/libnetio.a"
fi
"$cc" -O2 -Wall -Wno-unknown-pragmas -Wno-missing-braces $inc -I"$ddk/include/ddk" -D_AMD64_ -DNTDDI_VERSION=0x0A000000 \
  -shared -nostdlib -nostartfiles -Wl,--subsystem,native -Wl,--image-base,0x140000000 -Wl,-entry,DriverEntry \
  -o "$out/wskconf.sys" "$here/wskconf.c" "$netio" -lntoskrnl -lhal
# The kernel checks a driver's PE checksum; ld leaves it 0.
if command -v node >/dev/null 2>&1; then node "$here/pe-checksum.js" "$out/wskconf.sys" >/dev/null
else echo "build.sh: node not found: wskconf.sys keeps a zero PE checksum (Wine loads it; Windows may not)" >&2; fi
"$cc" -O2 -Wall -I"$here" -o "$out/wskconf-relay.exe" "$here/wskconf-relay.c" -ladvapi32
echo "$out/wskconf.sys $out/wskconf-relay.exe"
