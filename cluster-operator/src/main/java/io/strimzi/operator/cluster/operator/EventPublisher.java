package io.strimzi.operator.cluster.operator;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.strimzi.api.kafka.model.connect.KafkaConnect;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

import java.time.Instant;
import java.util.UUID;

/** Kubernetes Events on a KafkaConnect, so that `kubectl describe kc` shows what the operator did. Blocking. */
final class EventPublisher {
    static final String COMPONENT = "strimzi-cluster-operator";
    private static final Logger LOGGER = LogManager.getLogger(EventPublisher.class);
    private static final int MAX_MESSAGE_LENGTH = 1024;

    private final KubernetesClient client;

    EventPublisher(KubernetesClient client) {
        this.client = client;
    }

    void normal(KafkaConnect connect, String reason, String message) {
        publish(connect, "Normal", reason, message);
    }

    void warning(KafkaConnect connect, String reason, String message) {
        publish(connect, "Warning", reason, message);
    }

    private void publish(KafkaConnect connect, String type, String reason, String message) {
        String now = Instant.now().toString();
        String namespace = connect.getMetadata().getNamespace();
        String shown = message.length() > MAX_MESSAGE_LENGTH ? message.substring(0, MAX_MESSAGE_LENGTH) + "…" : message;
        Event event = new EventBuilder()
                .withNewMetadata()
                    .withName(connect.getMetadata().getName() + "." + UUID.randomUUID().toString().replace("-", "").substring(0, 16))
                    .withNamespace(namespace)
                .endMetadata()
                .withNewInvolvedObject()
                    .withApiVersion(KafkaConnect.GROUP + "/" + KafkaConnect.VERSION)
                    .withKind(KafkaConnect.KIND)
                    .withNamespace(namespace)
                    .withName(connect.getMetadata().getName())
                    .withUid(connect.getMetadata().getUid())
                .endInvolvedObject()
                .withType(type)
                .withReason(reason)
                .withMessage(shown)
                .withNewSource().withComponent(COMPONENT).endSource()
                .withReportingComponent(COMPONENT)
                .withFirstTimestamp(now)
                .withLastTimestamp(now)
                .withCount(1)
                .build();
        try {
            client.v1().events().inNamespace(namespace).resource(event).create();
        } catch (KubernetesClientException e) {
            // An event is informative; failing to record one must not fail the reconciliation.
            LOGGER.warn("KafkaConnect({}/{}): could not record event {}: {}", namespace, connect.getMetadata().getName(),
                    reason, e.getMessage());
        }
    }
}
