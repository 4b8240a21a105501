package io.strimzi.operator.cluster.operator;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.strimzi.operator.cluster.model.connectbuild.Platform;

/** OpenShift is recognised by its Build API. Blocking. */
public final class PlatformDetector {
    public static final String OPENSHIFT_BUILD_GROUP = "build.openshift.io";

    private PlatformDetector() {
    }

    public static Platform detect(KubernetesClient client) {
        return client.getApiGroup(OPENSHIFT_BUILD_GROUP) != null ? Platform.OPENSHIFT : Platform.KUBERNETES;
    }
}
