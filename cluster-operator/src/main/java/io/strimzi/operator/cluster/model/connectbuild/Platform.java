package io.strimzi.operator.cluster.model.connectbuild;

/** Where the operator runs: OpenShift when the API server serves `build.openshift.io`. */
public enum Platform {
    KUBERNETES,
    OPENSHIFT
}
