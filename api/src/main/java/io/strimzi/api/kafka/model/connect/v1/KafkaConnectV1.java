package io.strimzi.api.kafka.model.connect.v1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.crd.generator.annotation.SchemaSwap;
import io.fabric8.generator.annotation.Required;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Kind;
import io.fabric8.kubernetes.model.annotation.Plural;
import io.fabric8.kubernetes.model.annotation.ShortNames;
import io.fabric8.kubernetes.model.annotation.Singular;
import io.fabric8.kubernetes.model.annotation.Version;
import io.strimzi.api.kafka.model.common.authentication.AuthenticationSchemaV1;
import io.strimzi.api.kafka.model.common.tracing.TracingSchemaV1;
import io.strimzi.api.kafka.model.connect.KafkaConnect;
import io.strimzi.api.kafka.model.connect.KafkaConnectStatus;
import io.strimzi.api.kafka.model.connect.build.Build;
import io.strimzi.api.kafka.model.connect.build.OutputSchemaV1;
import io.strimzi.api.kafka.model.template.KafkaConnectTemplate;

/**
 * The `v1` version of KafkaConnect, for the CRD generator only: served beside `v1beta2` (the storage version) with
 * conversion `None`, as Strimzi 0.49 to 0.51 serve it. Its schema is the v1beta2 schema without what Strimzi's v1
 * removed from KafkaConnect (the swaps below) and with the fields v1 requires. Objects of both versions are read into
 * {@link KafkaConnect}, whose schema is a superset of this one; so nothing written through v1 is lost in storage.
 */
@Group(KafkaConnect.GROUP)
@Version(value = KafkaConnectV1.VERSION, storage = false, served = true)
@Kind(KafkaConnect.KIND)
@Plural(KafkaConnect.PLURAL)
@Singular("kafkaconnect")
@ShortNames("kc")
@AdditionalPrinterColumn(name = "Ready", type = AdditionalPrinterColumn.Type.STRING,
        jsonPath = ".status.conditions[?(@.type==\"Ready\")].status")
@SchemaSwap(originalType = KafkaConnectSpecV1.class, fieldName = "externalConfiguration")
@SchemaSwap(originalType = KafkaConnectSpecV1.class, fieldName = "authentication", targetType = AuthenticationSchemaV1.class)
@SchemaSwap(originalType = KafkaConnectSpecV1.class, fieldName = "tracing", targetType = TracingSchemaV1.class)
@SchemaSwap(originalType = KafkaConnectTemplate.class, fieldName = "deployment")
@SchemaSwap(originalType = Build.class, fieldName = "output", targetType = OutputSchemaV1.class)
@JsonInclude(JsonInclude.Include.NON_NULL)
public final class KafkaConnectV1 extends CustomResource<KafkaConnectSpecV1, KafkaConnectStatus> implements Namespaced {
    public static final String VERSION = "v1";

    private KafkaConnectV1() {
    }

    @Override
    @Required
    @JsonPropertyDescription(KafkaConnect.SPEC_DESCRIPTION)
    public KafkaConnectSpecV1 getSpec() {
        return super.getSpec();
    }

    @Override
    @JsonPropertyDescription(KafkaConnect.STATUS_DESCRIPTION)
    public KafkaConnectStatus getStatus() {
        return super.getStatus();
    }
}
