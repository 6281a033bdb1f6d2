#!/bin/sh
# Unpacks Debian's pinned Emacs source package, with Debian's patches
# applied, into DEST.  Adds deb-src entries mirroring the configured deb
# suites when there are none.
#   tools/emacs-source.sh DEST
set -eu
dest=$1
version='1:28.2+1-15+deb12u4'

if ! grep -rqsE '^(deb-src|Types:.*deb-src)' /etc/apt/sources.list /etc/apt/sources.list.d/; then
    echo "emacs-source: adding deb-src entries for the configured suites"
    if [ -f /etc/apt/sources.list.d/debian.sources ]; then
        sed 's/^Types: deb$/Types: deb-src/' /etc/apt/sources.list.d/debian.sources \
            > /etc/apt/sources.list.d/debian-src.sources
    else
        grep -E '^deb ' /etc/apt/sources.list | sed 's/^deb /deb-src /' \
            > /etc/apt/sources.list.d/debian-src.list
    fi
    apt-get update -qq
fi

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
(cd "$work" && apt-get source -qq "emacs=$version" >/dev/null 2>&1) || {
    apt-get update -qq
    (cd "$work" && apt-get source -qq "emacs=$version")
}
src=$(find "$work" -maxdepth 1 -type d -name 'emacs-28.2*' | head -n 1)
[ -n "$src" ] || { echo "emacs-source: apt-get source gave no emacs-28.2 tree" >&2; exit 1; }
rm -rf "$dest"
mkdir -p "$(dirname "$dest")"
mv "$src" "$dest"
echo "emacs-source: Debian's emacs $version in $dest"
