#!/usr/bin/env bash
# Sets the project version everywhere it is written, in one step:
#   .ci/set-version.sh 0.49.0            (a release: images tagged 0.49.0)
#   .ci/set-version.sh 0.50.0-SNAPSHOT   (back to development: images tagged latest)
# The poms (parent and module <parent> versions), the chart's version and appVersion, and the Strimzi image tags
# in install/ and the chart's values.yaml. The operator's built-in defaults follow the pom version by themselves
# (OperatorVersion). Plain text edits anchored on known lines: `mvn versions:set` would need a network download.
# The test ReleaseVersionTest runs this script on a copy of the repository and checks that everything agrees.
set -euo pipefail

if [ "$#" -ne 1 ] || ! [[ "$1" =~ ^[0-9]+\.[0-9]+\.[0-9]+(-SNAPSHOT)?$ ]]; then
    echo "usage: $0 <major.minor.patch[-SNAPSHOT]>" >&2
    exit 2
fi
NEW_VERSION="$1"
cd "$(dirname "$0")/.."

image_tag() {
    case "$1" in
        *-SNAPSHOT) echo latest ;;
        *) echo "$1" ;;
    esac
}

# The project version: the <version> right after the parent's <artifactId>.
OLD_VERSION=$(perl -0ne 'print $1 if m{<artifactId>strimzi-parent</artifactId>\s*<version>([^<]+)</version>}' pom.xml)
if [ -z "$OLD_VERSION" ]; then
    echo "cannot find the project version in pom.xml" >&2
    exit 1
fi
OLD_TAG=$(image_tag "$OLD_VERSION")
NEW_TAG=$(image_tag "$NEW_VERSION")
export NEW_VERSION OLD_TAG NEW_TAG

# Replaces in place and fails when a file did not contain what it should (so a moved line is noticed).
edit() {
    local file="$1" expression="$2" before
    before=$(cksum < "$file")
    perl -0pi -e "$expression" "$file"
    if [ "$OLD_VERSION" != "$NEW_VERSION" ] && [ "$before" = "$(cksum < "$file")" ]; then
        echo "$file: nothing changed; is it still in the expected format?" >&2
        exit 1
    fi
}

# Poms: the root pom's own version and every module's <parent> version.
for pom in pom.xml $(perl -ne 'print "$1/pom.xml\n" while m{<module>([^<]+)</module>}g' pom.xml); do
    edit "$pom" 's{(<artifactId>strimzi-parent</artifactId>\s*<version>)[^<]+(</version>)}{${1}$ENV{NEW_VERSION}${2}}'
done

# The chart.
edit helm-charts/helm3/strimzi-kafka-operator/Chart.yaml \
    's{^version: .*$}{version: $ENV{NEW_VERSION}}m; s{^appVersion: .*$}{appVersion: $ENV{NEW_VERSION}}m'

# Image tags only change between a snapshot and a release, or between two releases.
if [ "$OLD_TAG" != "$NEW_TAG" ]; then
    # values.yaml: every tag/tagPrefix in it belongs to a Strimzi image.
    perl -0pi -e 's{^(\s+tag(?:Prefix)?: )\Q$ENV{OLD_TAG}\E$}{${1}$ENV{NEW_TAG}}mg' \
        helm-charts/helm3/strimzi-kafka-operator/values.yaml
    # install/: only images under quay.io/strimzi/ (the tag, or the tag prefix of the Kafka images).
    for file in install/cluster-operator/*.yaml; do
        perl -0pi -e 's{(quay\.io/strimzi/[a-z0-9-]+:)\Q$ENV{OLD_TAG}\E(?=$|-kafka-|\s)}{${1}$ENV{NEW_TAG}}mg' "$file"
    done
fi

echo "Version set to $NEW_VERSION (image tag $NEW_TAG), was $OLD_VERSION"
