#!/bin/sh
# Starts the operator. JAVA_OPTS (word-split on purpose: it holds several JVM options set by the
# administrator in the Deployment) comes first; arguments (e.g. `render ...`) are passed on unchanged.
set -e
STRIMZI_HOME="${STRIMZI_HOME:-$(cd "$(dirname "$0")/.." && pwd)}"
# Exit on OutOfMemoryError so that Kubernetes restarts the Pod instead of leaving a broken JVM running.
# shellcheck disable=SC2086
exec java -XX:+ExitOnOutOfMemoryError ${JAVA_OPTS} -jar "${STRIMZI_HOME}/cluster-operator.jar" "$@"
