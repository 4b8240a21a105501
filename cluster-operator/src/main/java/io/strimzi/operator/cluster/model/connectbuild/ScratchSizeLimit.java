package io.strimzi.operator.cluster.model.connectbuild;

import io.fabric8.kubernetes.api.model.Quantity;
import io.strimzi.api.kafka.model.connect.KafkaConnect;
import io.strimzi.api.kafka.model.template.KafkaConnectTemplate;
import io.strimzi.operator.cluster.model.InvalidResourceException;

import java.util.regex.Pattern;

/**
 * The size limit of a build Pod's scratch volume (Buildah's storage), `template.buildPod.tmpDirSizeLimit`. Checked for
 * every build Pod, also when the tool has no scratch volume (Kaniko ignores it).
 */
final class ScratchSizeLimit {
    /** Unless the template says otherwise. */
    static final String DEFAULT = "10Gi";
    static final String FIELD = ".spec.template.buildPod.tmpDirSizeLimit";
    private static final Pattern QUANTITY = Pattern.compile("^([0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$");

    private ScratchSizeLimit() {
    }

    /**
     * The limit as a Kubernetes quantity.
     *
     * @throws InvalidResourceException when the template's value is not a positive quantity
     */
    static String of(KafkaConnect connect) {
        KafkaConnectTemplate template = connect.getSpec().getTemplate();
        String limit = template == null || template.getBuildPod() == null ? null : template.getBuildPod().getTmpDirSizeLimit();
        if (limit == null) {
            return DEFAULT;
        }
        boolean valid = QUANTITY.matcher(limit).matches();
        if (valid) {
            try {
                valid = Quantity.getAmountInBytes(new Quantity(limit)).signum() > 0;
            } catch (IllegalArgumentException | ArithmeticException e) {
                valid = false;
            }
        }
        if (!valid) {
            throw new InvalidResourceException(FIELD + ": '" + limit + "' is not a positive Kubernetes quantity such as 20Gi");
        }
        return limit;
    }
}
