#!/usr/bin/env bash
# Installs the tools the tests and `make run` use for real (Debian packages): buildah, the CNCF distribution
# registry, skopeo, and busybox-static (the local base image is made from it: Debian's dynamic busybox would not
# run inside an image without its libraries).
# Idempotent; needs root (CI runs as root) or sudo.
set -euo pipefail

SUDO=""
if [ "$(id -u)" != "0" ]; then
    SUDO="sudo"
fi

missing=()
command -v buildah >/dev/null 2>&1 || missing+=(buildah)
command -v docker-registry >/dev/null 2>&1 || missing+=(docker-registry)
command -v skopeo >/dev/null 2>&1 || missing+=(skopeo)
installed() {
    [ "$(dpkg-query -W -f='${Status}' "$1" 2>/dev/null)" = "install ok installed" ]
}
installed busybox-static || missing+=(busybox-static)
if [ "${#missing[@]}" -gt 0 ]; then
    echo "Installing ${missing[*]}"
    $SUDO apt-get update -q
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -q "${missing[@]}"
fi
