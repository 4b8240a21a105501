#!/bin/sh
# Runs every benchmark once, each in a JVM of its own, and writes the result tables to OUT (default
# benchmarks/target/results). Needs the jars of `make build` (cluster-operator.jar and benchmarks.jar) and, for the
# build benchmark, buildah, docker-registry, busybox-static and the Kafka-shaped base image (make tools). About 35 minutes
# on 2 cores, 12 of them the soak.
set -eu
cd "$(dirname "$0")/.."
OUT=${1:-benchmarks/target/results}
JAR=benchmarks/target/benchmarks.jar
[ -f "$JAR" ] || { echo "$JAR is missing: run make build first" >&2; exit 1; }
rm -rf "$OUT"
mkdir -p "$OUT"
# The operator benchmarks resolve names from a file of their own: see benchmarks/operator-benchmarks.hosts.
HOSTS=-Djdk.net.hosts.file=benchmarks/operator-benchmarks.hosts
bench() {
    echo "== $*" >&2
    java $HOSTS -jar "$JAR" "$@" --out "$OUT" 2>>"$OUT/benchmarks.log"
}

{
    echo "date: $(date -u +%Y-%m-%dT%H:%M:%SZ)"
    echo "machine: $(nproc) CPUs ($(sed -n 's/^model name\s*: //p' /proc/cpuinfo | head -n 1)), $(free -m | awk '/^Mem:/ {print $2}') MiB memory"
    echo "java: $(java -version 2>&1 | head -n 1)"
    echo "buildah: $(buildah --version 2>/dev/null || echo missing)"
    echo "commit: $(git rev-parse --short HEAD 2>/dev/null || echo unknown)"
} > "$OUT/machine.md"

java -cp "$JAR" io.strimzi.operator.cluster.benchmarks.Headers "$OUT"
bench generation --plugins 100 --rounds 10
for n in 1 10 100 500; do
    bench steady --n "$n" --passes 5 --setup seed
done
for run in 1 2 3; do
    bench reaction --builds 50 --warmup 5
done
bench build --artifacts 10,30 --runs 5
bench build --artifacts 10 --runs 3 --base kafka-shaped
bench layer --artifacts 10,30 --runs 5
bench startup --runs 5
bench burst --n 500
bench soak --n 200 --minutes 10 --changes-per-minute 10 --pass-seconds 30
cat "$OUT/machine.md"
echo "results in $OUT" >&2
