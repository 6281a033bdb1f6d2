#!/bin/sh
# tools/debian-packages.sh PACKAGE...: installs, from Debian's mirror,
# those of the packages that are missing.  Every install step the build
# needs goes through here, so that a fresh clone needs only the machine.
set -eu
missing=
for p in "$@"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing="$missing $p"
done
if [ -n "$missing" ]; then
    echo "debian-packages: installing$missing"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $missing >/dev/null
fi
