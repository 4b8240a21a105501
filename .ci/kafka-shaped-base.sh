#!/usr/bin/env bash
# Makes a Kafka-shaped base image without any download and writes it as an OCI layout into DIR (cached: a second
# run with the same recipe does nothing). Shaped like a Strimzi Kafka image: 17 layers, most bytes in the first
# three (OS, JDK, Kafka's libraries), at least 400 MB that does not compress (deterministic pseudo-random bytes),
# user 1001, /opt/kafka/plugins owned by 1001. The OS layer is busybox-static with its applets, so that the
# Dockerfile's RUN steps (sh, wget, sha512sum, tar, unzip) work.
#
#   bash .ci/kafka-shaped-base.sh DIR    then: skopeo copy oci:DIR:kafka-shaped docker://REGISTRY/REPO:TAG
set -euo pipefail

OUT="${1:?usage: $0 DIR}"
REF_NAME=kafka-shaped
CHECKSUM=$(sha256sum "$0" | cut -c1-16)
if [ -f "$OUT/recipe" ] && [ "$(cat "$OUT/recipe")" = "$CHECKSUM" ] && [ -f "$OUT/index.json" ]; then
    echo "kafka-shaped-base: cached in $OUT ($(cat "$OUT/summary"))"
    exit 0
fi
command -v openssl >/dev/null && [ -x /bin/busybox ] || { echo "kafka-shaped-base: needs openssl and busybox-static" >&2; exit 1; }

WORK="$OUT.partial"
rm -rf "$WORK"
mkdir -p "$WORK/blobs/sha256" "$WORK/layers"
started=$SECONDS

# stream SEED: endless bytes that no compressor can shrink, the same for the same seed (ends when its reader does).
stream() {
    openssl enc -aes-128-ctr -nosalt -pbkdf2 -pass "pass:$1" -in /dev/zero 2>/dev/null || true
}

# random FILE SEED MIB: a file of MIB mebibytes from stream SEED.
random() {
    mkdir -p "$(dirname "$1")"
    stream "$2" | head -c "$(($3 * 1048576))" > "$1"
}

# random_files DIR PREFIX COUNT KIB: COUNT files of KIB kibibytes each.
random_files() {
    local dir="$1" prefix="$2" count="$3" kib="$4" i
    mkdir -p "$dir"
    for i in $(seq 1 "$count"); do
        stream "$prefix-$i" | head -c "$((kib * 1024))" > "$dir/$prefix-$i"
    done
}

text() {
    mkdir -p "$(dirname "$1")"
    printf '%s\n' "$2" > "$1"
}

# Each layer is a directory under layers/NN; its tar is made with fixed owners and times (same digest every run).
layer() {
    mkdir -p "$WORK/layers/$1"
    echo "$WORK/layers/$1"
}

# 1. The OS: busybox and its applets, users root and kafka (1001), plus libraries' worth of bytes.
os=$(layer 01)
mkdir -p "$os/bin" "$os/etc" "$os/root" "$os/home/kafka" "$os/usr/bin" "$os/var/tmp"
cp /bin/busybox "$os/bin/busybox"
for applet in $(/bin/busybox --list); do
    [ "$applet" = busybox ] || ln -s busybox "$os/bin/$applet"
done
printf 'root:x:0:0:root:/root:/bin/sh\nkafka:x:1001:0:Apache Kafka:/home/kafka:/bin/sh\n' > "$os/etc/passwd"
printf 'root:x:0:\n' > "$os/etc/group"
mkdir -p "$os/tmp" && chmod 1777 "$os/tmp"
random_files "$os/usr/lib64" lib 300 512
# 2. The JDK: one large modules file and its libraries.
jdk=$(layer 02)
random "$jdk/usr/lib/jvm/jre-17/lib/modules" modules 120
random_files "$jdk/usr/lib/jvm/jre-17/lib" libjvm 60 1024
# 3. Kafka's libraries.
libs=$(layer 03)
random_files "$libs/opt/kafka/libs" kafka-lib 100 1024
# 4-17. The small layers of a Strimzi image: scripts, configuration, tools, licences, the plugins directory.
text "$(layer 04)/opt/kafka/bin/kafka-server-start.sh" '#!/bin/sh
exec java -cp "/opt/kafka/libs/*" kafka.Kafka "$@"'
text "$(layer 05)/opt/kafka/config/connect-distributed.properties" 'group.id=connect-cluster'
random "$(layer 06)/opt/kafka/libs/cruise-control-metrics-reporter.jar" cruise-control 2
random "$(layer 07)/opt/kafka-exporter/kafka_exporter" exporter 3
text "$(layer 08)/opt/kafka/kafka_connect_run.sh" '#!/bin/sh
exec /opt/kafka/bin/connect-distributed.sh /tmp/strimzi-connect.properties'
random "$(layer 09)/opt/jmx-exporter/jmx_prometheus_javaagent.jar" jmx-exporter 1
text "$(layer 10)/opt/kafka/custom-config/log4j.properties" 'log4j.rootLogger=INFO, CONSOLE'
random_files "$(layer 11)/licenses" licence 20 16
text "$(layer 12)/opt/kafka/kafka_connect_config_generator.sh" '#!/bin/sh
echo "bootstrap.servers=$KAFKA_CONNECT_BOOTSTRAP_SERVERS"'
random "$(layer 13)/opt/tini/tini" tini 1
text "$(layer 14)/etc/pki/java/README" 'trust store location'
random "$(layer 15)/opt/kafka/libs/strimzi-kafka-agent.jar" agent 1
text "$(layer 16)/opt/kafka/stunnel/README" 'no stunnel in this image'
mkdir -p "$(layer 17)/opt/kafka/plugins"

diff_ids=()
layer_json=()
history_json=()
for dir in "$WORK/layers/"*; do
    number=$(basename "$dir")
    owner=0
    [ "$number" = 17 ] && owner=1001
    tar_file="$WORK/layer.tar"
    (cd "$dir" && tar --sort=name --owner="$owner" --group=0 --numeric-owner --mtime=@1700000000 --format=gnu \
        -cf "$tar_file" $(ls -A | sort))
    diff_ids+=("\"sha256:$(sha256sum "$tar_file" | cut -d' ' -f1)\"")
    gzip -n -1 -c "$tar_file" > "$WORK/layer.tar.gz"
    digest=$(sha256sum "$WORK/layer.tar.gz" | cut -d' ' -f1)
    size=$(stat -c %s "$WORK/layer.tar.gz")
    mv "$WORK/layer.tar.gz" "$WORK/blobs/sha256/$digest"
    layer_json+=("{\"mediaType\":\"application/vnd.oci.image.layer.v1.tar+gzip\",\"digest\":\"sha256:$digest\",\"size\":$size}")
    history_json+=("{\"created\":\"2023-11-14T22:13:20Z\",\"created_by\":\"kafka-shaped-base layer $number\"}")
    rm -f "$tar_file"
done

join() {
    local IFS=,
    echo "$*"
}

config=$(printf '{"architecture":"amd64","os":"linux","config":{"User":"1001","WorkingDir":"/opt/kafka","Env":["PATH=/opt/kafka/bin:/usr/bin:/bin","JAVA_HOME=/usr/lib/jvm/jre-17","KAFKA_HOME=/opt/kafka"],"Labels":{"io.strimzi.local-cluster":"kafka-shaped-base"}},"rootfs":{"type":"layers","diff_ids":[%s]},"history":[%s]}' \
    "$(join "${diff_ids[@]}")" "$(join "${history_json[@]}")")
config_digest=$(printf '%s' "$config" | sha256sum | cut -d' ' -f1)
printf '%s' "$config" > "$WORK/blobs/sha256/$config_digest"
manifest=$(printf '{"schemaVersion":2,"mediaType":"application/vnd.oci.image.manifest.v1+json","config":{"mediaType":"application/vnd.oci.image.config.v1+json","digest":"sha256:%s","size":%s},"layers":[%s]}' \
    "$config_digest" "${#config}" "$(join "${layer_json[@]}")")
manifest_digest=$(printf '%s' "$manifest" | sha256sum | cut -d' ' -f1)
printf '%s' "$manifest" > "$WORK/blobs/sha256/$manifest_digest"
printf '{"schemaVersion":2,"manifests":[{"mediaType":"application/vnd.oci.image.manifest.v1+json","digest":"sha256:%s","size":%s,"annotations":{"org.opencontainers.image.ref.name":"%s"}}]}' \
    "$manifest_digest" "${#manifest}" "$REF_NAME" > "$WORK/index.json"
printf '{"imageLayoutVersion":"1.0.0"}' > "$WORK/oci-layout"

unpacked=$(du -sm "$WORK/layers" | cut -f1)
rm -rf "$WORK/layers"
echo "${#layer_json[@]} layers, ${unpacked} MiB unpacked, $(du -sm "$WORK/blobs" | cut -f1) MiB compressed" > "$WORK/summary"
echo "$CHECKSUM" > "$WORK/recipe"
rm -rf "$OUT"
mv "$WORK" "$OUT"
echo "kafka-shaped-base: made in $((SECONDS - started)) s in $OUT ($(cat "$OUT/summary"))"
