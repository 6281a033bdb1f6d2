#!/bin/sh
# Installs what building Emacs with the project's configure flags needs,
# when any of it is missing.
set -eu
pkgs="autoconf automake texinfo pkg-config dpkg-dev libncurses-dev libgmp-dev
      libjansson-dev zlib1g-dev libxml2-dev"
missing=
for p in $pkgs; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing="$missing $p"
done
if [ -n "$missing" ]; then
    echo "emacs-build-deps: installing$missing"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $missing >/dev/null
fi
