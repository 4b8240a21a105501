#!/usr/bin/env bash
# Makes the images the local cluster's kubelet runs and caches them outside the repository, from Debian's packages
# only (no other download). Called by .ci/install-tools.sh (`make tools`); a second run reuses what is cached.
#
#   CACHE/images/<name>/rootfs       the image's root filesystem (what runc runs, under a per-container overlay)
#   CACHE/images/<name>/config.json  its OCI image config (User, Env, WorkingDir)
#   CACHE/images/<name>/references   the image references that name it, one a line (the Pod's `image`)
#   CACHE/images/<name>/recipe       the checksum of the recipe that made it: a changed recipe rebuilds it
#   CACHE/kafka-base/                an OCI layout of the Kafka-shaped base image (pushed to the local registry)
#
# The images:
#   buildah-1.39   Debian 13 (trixie) minbase with Debian's buildah 1.39.3 and netavark: the Buildah image
#                  (upstream pins quay.io/buildah/stable:v1.40.1, Strimzi ships 1.41; 1.39.3 is Debian's nearest)
#   operator-jre   Debian 12 (bookworm) minbase with openjdk-17-jre-headless, user 1001: the operator image,
#                  named quay.io/strimzi/operator:latest (the layer builder Pod runs `java -jar` in it)
set -euo pipefail

CACHE="${1:?usage: $0 CACHE_DIR}"
MIRROR="${DEBIAN_MIRROR:-http://deb.debian.org/debian}"
mkdir -p "$CACHE/images"

log() {
    echo "local-images: $*"
}

# in_chroot DIR COMMAND...: runs COMMAND inside DIR with /proc mounted (package scripts such as Java's need it).
in_chroot() {
    local dir="$1"
    shift
    mount -t proc proc "$dir/proc"
    local status=0
    DEBIAN_FRONTEND=noninteractive LC_ALL=C chroot "$dir" "$@" || status=$?
    umount "$dir/proc"
    return "$status"
}

# Removes what apt and debootstrap leave behind that an image does not need.
slim() {
    local dir="$1"
    rm -rf "$dir/var/lib/apt/lists/"* "$dir/var/cache/apt/"*.bin "$dir/var/cache/apt/archives/"*.deb \
        "$dir/usr/share/doc/"* "$dir/usr/share/man/"* "$dir/var/log/"*.log
}

recipe_buildah_1_39() {
    local dir="$1"
    debootstrap --variant=minbase trixie "$dir" "$MIRROR"
    # buildah's dependency container-network-stack is virtual: netavark provides it (--include=buildah fails).
    in_chroot "$dir" sh -c 'apt-get update -q && apt-get install -y -q --no-install-recommends buildah netavark'
    slim "$dir"
    chroot "$dir" buildah --version > "$dir/../version"
    cat > "$dir/../config.json" <<'EOF'
{"architecture":"amd64","os":"linux","config":{"User":"0","WorkingDir":"/","Env":["PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin","BUILDAH_ISOLATION=chroot"]}}
EOF
    echo "localhost/local-cluster/buildah:1.39" > "$dir/../references"
}

recipe_operator_jre() {
    local dir="$1"
    debootstrap --variant=minbase bookworm "$dir" "$MIRROR"
    in_chroot "$dir" sh -c 'apt-get update -q && apt-get install -y -q --no-install-recommends openjdk-17-jre-headless'
    slim "$dir"
    mkdir -p "$dir/opt/strimzi"
    in_chroot "$dir" java -version 2> "$dir/../version"
    cat > "$dir/../config.json" <<'EOF'
{"architecture":"amd64","os":"linux","config":{"User":"1001","WorkingDir":"/opt/strimzi","Env":["PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin","JAVA_HOME=/usr/lib/jvm/java-17-openjdk-amd64","STRIMZI_HOME=/opt/strimzi"]}}
EOF
    echo "quay.io/strimzi/operator:latest" > "$dir/../references"
}

# make_image NAME RECIPE_FUNCTION: builds into a temporary directory, then moves it into place (atomic for readers).
make_image() {
    local name="$1" recipe="$2"
    local target="$CACHE/images/$name"
    local checksum
    checksum=$(declare -f "$recipe" | sha256sum | cut -c1-16)
    if [ -f "$target/recipe" ] && [ "$(cat "$target/recipe")" = "$checksum" ] && [ -d "$target/rootfs" ]; then
        log "$name: cached in $target ($(cat "$target/version" | head -1))"
        return
    fi
    local work="$CACHE/images/.$name.partial"
    rm -rf "$work"
    mkdir -p "$work"
    log "$name: making it in $work (a few minutes, Debian packages only)"
    local started=$SECONDS
    # A subshell of its own, so that set -e holds inside the recipe (it would not under `recipe || ...`).
    local status=0
    set +e
    (set -e; "$recipe" "$work/rootfs") > "$work/make.log" 2>&1
    status=$?
    set -e
    if [ "$status" != 0 ]; then
        echo "local-images: making $name failed; the last lines of $work/make.log:" >&2
        tail -n 30 "$work/make.log" >&2
        exit 1
    fi
    echo "$checksum" > "$work/recipe"
    rm -rf "$target"
    mv "$work" "$target"
    log "$name: made in $((SECONDS - started)) s, $(du -sm "$target/rootfs" | cut -f1) MiB ($(head -1 "$target/version"))"
}

make_image buildah-1.39 recipe_buildah_1_39
make_image operator-jre recipe_operator_jre
bash "$(dirname "$0")/kafka-shaped-base.sh" "$CACHE/kafka-base"
