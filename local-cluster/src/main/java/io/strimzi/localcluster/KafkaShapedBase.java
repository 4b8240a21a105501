package io.strimzi.localcluster;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The Kafka-shaped base image: 17 layers and about 440 MiB that does not compress, most of it in the first three
 * layers (as OS, JDK and Kafka's libraries are in a Strimzi Kafka image), user 1001, {@code /opt/kafka/plugins}.
 * {@code make tools} makes it without any download and caches it as an OCI layout (.ci/kafka-shaped-base.sh);
 * this pushes it to a local registry with skopeo.
 */
public final class KafkaShapedBase {
    public static final int LAYERS = 17;

    private KafkaShapedBase() {
    }

    /** Pushes the cached layout as {@code <registry>/<repository>:<tag>} and returns that reference. */
    public static String push(LocalRegistry registry, String repository, String tag) {
        String reference = registry.address() + "/" + repository + ":" + tag;
        List<String> copy = new ArrayList<>(List.of("skopeo", "copy", "--quiet", "--dest-tls-verify=false"));
        registry.credentials().ifPresent(c -> copy.add("--dest-creds=" + c.username() + ":" + c.password()));
        copy.add("oci:" + LocalImages.fromCache().kafkaShapedBaseLayout() + ":" + LocalImages.KAFKA_SHAPED_BASE_TAG);
        copy.add("docker://" + reference);
        Commands.run(copy, Map.of());
        return reference;
    }
}
