package io.strimzi.operator.cluster.model;

import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.strimzi.api.kafka.model.connect.KafkaConnect;

/** Owner references to a KafkaConnect, so that Kubernetes garbage-collects what the operator created for it. */
public final class OwnerReferences {
    private OwnerReferences() {
    }

    /**
     * @param controller true for the build objects, which only this KafkaConnect's build manages; false for the
     *                   Connect workload, as Strimzi sets it
     */
    public static OwnerReference toKafkaConnect(KafkaConnect connect, boolean controller) {
        return new OwnerReferenceBuilder()
                .withApiVersion(KafkaConnect.GROUP + "/" + KafkaConnect.VERSION)
                .withKind(KafkaConnect.KIND)
                .withName(connect.getMetadata().getName())
                .withUid(connect.getMetadata().getUid())
                .withController(controller)
                .withBlockOwnerDeletion(false)
                .build();
    }
}
