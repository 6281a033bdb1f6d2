#!/bin/sh
# Unpacks Debian's pinned Emacs source package, with Debian's patches
# applied, into DEST.  Adds deb-src entries when the version's suite has
# none.
#   tools/emacs-source.sh DEST 28|30
#
# 28: bookworm's 1:28.2+1-15+deb12u4, by apt-get source.
# 30: unstable's 1:30.2+1-11.  apt-get source fails on its .dsc (404 on
# Debian's mirror), but the orig and debian tarballs download: they are
# checked against the SHA-256 sums apt-cache showsrc lists, unpacked, and
# debian/patches applied in series order, as dpkg-source would.
set -eu
dest=$1
major=${2:?usage: tools/emacs-source.sh DEST 28|30}

case $major in
    28) version='1:28.2+1-15+deb12u4' ;;
    30) version='1:30.2+1-11' ;;
    *) echo "emacs-source: no pinned Emacs $major (28 or 30)" >&2; exit 1 ;;
esac
upstream=${version#1:}
upstream=${upstream%-*}              # 30.2+1

# Sources of the configured deb suites, for 28.
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
# Unstable's sources, for 30: source packages only, no binaries.
if [ "$major" = 30 ] && ! apt-cache showsrc emacs 2>/dev/null | grep -qx "Version: $version"; then
    echo "emacs-source: adding unstable's deb-src entry"
    cat > /etc/apt/sources.list.d/emacs-hts-unstable-src.sources <<EOF
Types: deb-src
URIs: http://deb.debian.org/debian
Suites: unstable
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg
EOF
    apt-get update -qq
fi

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
if [ "$major" = 28 ]; then
    (cd "$work" && apt-get source -qq "emacs=$version" >/dev/null 2>&1) || {
        apt-get update -qq
        (cd "$work" && apt-get source -qq "emacs=$version")
    }
    src=$(find "$work" -maxdepth 1 -type d -name 'emacs-28.2*' | head -n 1)
else
    orig="emacs_$upstream.orig.tar.xz"
    deb="emacs_${version#1:}.debian.tar.xz"
    # The .dsc's 404 fails the command after the tarballs are fetched.
    (cd "$work" && apt-get source -qq --download-only "emacs=$version" >/dev/null 2>&1) || true
    for f in "$orig" "$deb"; do
        [ -f "$work/$f" ] || { echo "emacs-source: $f did not download" >&2; exit 1; }
        sum=$(apt-cache showsrc emacs \
                  | awk -v v="Version: $version" -v f="$f" '
                        /^Package:/ { mine = 0 }
                        $0 == v { mine = 1 }
                        /^Checksums-Sha256:/ { s = mine; next }
                        /^[^ ]/ { s = 0 }
                        s && $3 == f { print $1; exit }')
        [ -n "$sum" ] || { echo "emacs-source: no SHA-256 listed for $f" >&2; exit 1; }
        echo "$sum  $work/$f" | sha256sum -c --quiet - \
            || { echo "emacs-source: $f does not match its SHA-256" >&2; exit 1; }
    done
    src="$work/emacs-$upstream"
    mkdir "$src"
    tar -xJf "$work/$orig" -C "$src" --strip-components=1
    tar -xJf "$work/$deb" -C "$src"
    while read -r p; do
        case $p in ''|'#'*) continue ;; esac
        patch -s -p1 -d "$src" < "$src/debian/patches/$p"
    done < "$src/debian/patches/series"
fi
[ -n "$src" ] && [ -d "$src" ] || { echo "emacs-source: no Emacs $major tree" >&2; exit 1; }
rm -rf "$dest"
mkdir -p "$(dirname "$dest")"
mv "$src" "$dest"
echo "emacs-source: Debian's emacs $version in $dest"
