#!/usr/bin/env bash
# Installs the tools the tests run for real: buildah and the CNCF distribution registry (Debian packages).
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
[ -x /bin/busybox ] || missing+=(busybox-static)
if [ "${#missing[@]}" -gt 0 ]; then
    echo "Installing ${missing[*]}"
    $SUDO apt-get update -q
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -q "${missing[@]}"
fi
