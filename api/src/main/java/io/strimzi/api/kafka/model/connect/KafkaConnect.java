package io.strimzi.api.kafka.model.connect;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Kind;
import io.fabric8.kubernetes.model.annotation.Plural;
import io.fabric8.kubernetes.model.annotation.ShortNames;
import io.fabric8.kubernetes.model.annotation.Singular;
import io.fabric8.kubernetes.model.annotation.Version;

/**
 * A Kafka Connect cluster, optionally with a container image built from the connector plugins it lists.
 */
@Group(KafkaConnect.GROUP)
@Version(KafkaConnect.VERSION)
@Kind(KafkaConnect.KIND)
@Plural(KafkaConnect.PLURAL)
@Singular("kafkaconnect")
@ShortNames("kc")
@AdditionalPrinterColumn(name = "Ready", type = AdditionalPrinterColumn.Type.STRING,
        jsonPath = ".status.conditions[?(@.type==\"Ready\")].status")
@JsonInclude(JsonInclude.Include.NON_NULL)
public class KafkaConnect extends CustomResource<KafkaConnectSpec, KafkaConnectStatus> implements Namespaced {
    public static final String GROUP = "kafka.strimzi.io";
    public static final String VERSION = "v1beta2";
    public static final String KIND = "KafkaConnect";
    public static final String PLURAL = "kafkaconnects";
    public static final String CRD_NAME = PLURAL + "." + GROUP;

    @Override
    protected KafkaConnectSpec initSpec() {
        return null;
    }

    @Override
    protected KafkaConnectStatus initStatus() {
        return null;
    }
}
