package io.strimzi.operator.cluster.operator;

import io.strimzi.api.kafka.model.connect.KafkaConnect;
import io.strimzi.operator.cluster.config.ClusterOperatorConfig;
import io.strimzi.operator.cluster.model.connectbuild.KafkaConnectBuild;
import io.strimzi.operator.cluster.model.connectbuild.Platform;

/** Creates the build plan of a KafkaConnect with `.spec.build`; throws InvalidResourceException when invalid. */
@FunctionalInterface
public interface BuildPlanFactory {
    /** The real build model. */
    BuildPlanFactory MODEL = (connect, config, platform) -> BuildPlan.of(KafkaConnectBuild.fromCrd(connect, config, platform));

    BuildPlan create(KafkaConnect connect, ClusterOperatorConfig config, Platform platform);
}
