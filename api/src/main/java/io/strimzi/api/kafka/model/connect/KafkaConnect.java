package io.strimzi.api.kafka.model.connect;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
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
 * A Kafka Connect cluster, optionally with a container image built from the connector plugins it lists: version
 * v1beta2, the storage version, into which objects of both served versions are read (see
 * {@link io.strimzi.api.kafka.model.connect.v1.KafkaConnectV1}).
 */
@Group(KafkaConnect.GROUP)
@Version(value = KafkaConnect.VERSION, storage = true, served = true)
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

    public static final String SPEC_DESCRIPTION = "The specification of the Kafka Connect cluster.";
    public static final String STATUS_DESCRIPTION = "The status of the Kafka Connect cluster, written by the operator.";

    @Override
    @JsonPropertyDescription(SPEC_DESCRIPTION)
    public KafkaConnectSpec getSpec() {
        return super.getSpec();
    }

    @Override
    @JsonPropertyDescription(STATUS_DESCRIPTION)
    public KafkaConnectStatus getStatus() {
        return super.getStatus();
    }

    @Override
    protected KafkaConnectSpec initSpec() {
        return null;
    }

    @Override
    protected KafkaConnectStatus initStatus() {
        return null;
    }
}
