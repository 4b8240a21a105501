package io.strimzi.operator.cluster.operator;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.strimzi.api.kafka.model.common.Condition;
import io.strimzi.operator.cluster.model.connectbuild.KafkaConnectBuild;

import java.util.List;

/**
 * What the operator needs from the build model: the objects of one build and its revision.
 * {@link #of(KafkaConnectBuild)} adapts the real model.
 */
public interface BuildPlan {
    String revision();

    /** The output image as the user wrote it. */
    String outputImage();

    /** `buildah`, `kaniko` or `openshift`. */
    String builderName();

    ConfigMap dockerfileConfigMap();

    ServiceAccount serviceAccount();

    /** The build Pod on Kubernetes; null on OpenShift. */
    Pod buildPod();

    /** The BuildConfig on OpenShift; null on Kubernetes. */
    GenericKubernetesResource buildConfig();

    /** The BuildRequest that starts a Build from the BuildConfig on OpenShift; null on Kubernetes. */
    GenericKubernetesResource buildRequest();

    /** For an `imagestream` output: the ImageStream the Build pushes to; null for a `docker` output. */
    String imageStreamName();

    /** Warning conditions such as DeprecatedFields. */
    List<Condition> warnings();

    static BuildPlan of(KafkaConnectBuild build) {
        return new BuildPlan() {
            @Override
            public String revision() {
                return build.revision();
            }

            @Override
            public String outputImage() {
                return build.outputImage();
            }

            @Override
            public String builderName() {
                return build.builderName();
            }

            @Override
            public ConfigMap dockerfileConfigMap() {
                return build.dockerfileConfigMap();
            }

            @Override
            public ServiceAccount serviceAccount() {
                return build.serviceAccount();
            }

            @Override
            public Pod buildPod() {
                return build.buildPod();
            }

            @Override
            public GenericKubernetesResource buildConfig() {
                return build.buildConfig();
            }

            @Override
            public GenericKubernetesResource buildRequest() {
                return build.buildRequest();
            }

            @Override
            public String imageStreamName() {
                return build.imageStreamName();
            }

            @Override
            public List<Condition> warnings() {
                return build.warnings();
            }
        };
    }
}
