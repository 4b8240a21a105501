#!/bin/sh
# The rack init container of the Connect pods (.spec.rack), as in Strimzi's operator image: writes the pod's node
# label RACK_TOPOLOGY_KEY (of node NODE_NAME) to /opt/kafka/init/rack.id.
set -e
exec "$(dirname "$0")/cluster_operator_run.sh" kafka-init "$@"
