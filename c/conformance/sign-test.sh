#!/bin/sh
# Test-signs wskconf.sys for a Windows machine in test-signing mode: a self-signed code-signing certificate
# (made once, kept in OUTDIR), an Authenticode SHA-256 signature with osslsigncode.
# Usage: c/conformance/sign-test.sh [OUTDIR]   -> OUTDIR/wskconf-signed.sys, OUTDIR/wsksim-test.cer
set -eu
here="$(cd "$(dirname "$0")" && pwd)"
out="${1:-$here/../../build/conformance}"
for t in openssl osslsigncode; do
  command -v "$t" >/dev/null 2>&1 || { echo "sign-test.sh: $t not found (Debian: apt-get install $t)" >&2; exit 2; }
done
[ -f "$out/wskconf.sys" ] || { echo "sign-test.sh: $out/wskconf.sys missing (run c/conformance/build.sh first)" >&2; exit 2; }
if [ ! -f "$out/wsksim-test.key" ]; then
  openssl req -x509 -newkey rsa:2048 -nodes -sha256 -days 3650 -subj "/CN=wsksim conformance test" \
    -addext "extendedKeyUsage=codeSigning" -addext "keyUsage=digitalSignature" \
    -keyout "$out/wsksim-test.key" -out "$out/wsksim-test.pem" 2>/dev/null
  openssl x509 -in "$out/wsksim-test.pem" -outform DER -out "$out/wsksim-test.cer"
fi
rm -f "$out/wskconf-signed.sys"
osslsigncode sign -certs "$out/wsksim-test.pem" -key "$out/wsksim-test.key" -h sha256 -n "wsksim conformance driver" \
  -in "$out/wskconf.sys" -out "$out/wskconf-signed.sys" >/dev/null
osslsigncode verify -in "$out/wskconf-signed.sys" -CAfile "$out/wsksim-test.pem" >/dev/null
echo "$out/wskconf-signed.sys $out/wsksim-test.cer"
