package io.strimzi.operator.cluster.operator;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBinding;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.strimzi.api.kafka.model.connect.KafkaConnect;
import io.strimzi.operator.cluster.model.connectbuild.Platform;

import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Every kind of object the operator writes or watches for a KafkaConnect, in one place. Each gets one label-selected
 * informer (per watched namespace) whose changes queue a reconciliation of the owning KafkaConnect, and the writer finds
 * a desired object's kind here. A new owned kind (a PodDisruptionBudget, say) is one entry in {@link #ALL}: the model
 * returns the object among its desired objects, and it is then cached, compared, restored, recreated and pruned like
 * the others (the operator's RBAC in install/ and the Helm chart must allow list and watch on it; for a cluster-scoped
 * kind, cluster-wide).
 */
final class OwnedKinds {
    /** On every object the operator keeps (Connect workload and build inputs); with the kind label, only its own. */
    static final Map<String, String> OPERATOR_LABELS = Map.of(
            "app.kubernetes.io/managed-by", "strimzi-cluster-operator",
            "strimzi.io/kind", KafkaConnect.KIND);
    /** Build Pods and Builds only: Connect's own Pods carry the operator labels too, and are not watched. */
    static final Map<String, String> BUILD_LABELS = Map.of(
            "app.kubernetes.io/name", "kafka-connect-build",
            "strimzi.io/kind", KafkaConnect.KIND);

    static final OwnedKind<ConfigMap> CONFIG_MAPS = kept("ConfigMap", ConfigMap.class, EnumSet.allOf(Platform.class), List.of());
    /** The API server assigns the cluster IPs and families; an update must send them back unchanged. */
    static final OwnedKind<Service> SERVICES = kept("Service", Service.class, EnumSet.allOf(Platform.class),
            List.of("/spec/clusterIP", "/spec/clusterIPs", "/spec/ipFamilies", "/spec/ipFamilyPolicy", "/spec/healthCheckNodePort"));
    static final OwnedKind<Deployment> DEPLOYMENTS = kept("Deployment", Deployment.class, EnumSet.allOf(Platform.class), List.of());
    /** The Connect Pods' ServiceAccount, and the build Pod's on Kubernetes. */
    static final OwnedKind<ServiceAccount> SERVICE_ACCOUNTS = kept("ServiceAccount", ServiceAccount.class,
            EnumSet.allOf(Platform.class), List.of());
    static final OwnedKind<PodDisruptionBudget> POD_DISRUPTION_BUDGETS = kept("PodDisruptionBudget", PodDisruptionBudget.class,
            EnumSet.allOf(Platform.class), List.of());
    /**
     * A build Pod's proxy credentials (an OpenShift BuildConfig cannot take them from a Secret; the layer builder's Pods
     * can) and the JMX credentials of `.spec.jmxOptions`.
     */
    static final OwnedKind<Secret> SECRETS = kept("Secret", Secret.class, EnumSet.allOf(Platform.class), List.of());
    /**
     * The rack init container's ClusterRoleBinding (`.spec.rack`). Cluster-scoped: it cannot have an owner reference to
     * its KafkaConnect, so its owner is its subject's namespace and its `strimzi.io/cluster` label, and the operator
     * deletes it when the KafkaConnect is gone (Kubernetes' garbage collector cannot).
     */
    static final OwnedKind<ClusterRoleBinding> CLUSTER_ROLE_BINDINGS = kept("ClusterRoleBinding", ClusterRoleBinding.class,
            EnumSet.allOf(Platform.class), List.of());
    /** Build Pods: on OpenShift too, where the layer builder runs its builds in Pods. */
    static final OwnedKind<Pod> BUILD_PODS = new OwnedKind<>("Pod", Pod.class, null, BUILD_LABELS, EnumSet.allOf(Platform.class),
            false, List.of());
    static final OwnedKind<GenericKubernetesResource> BUILD_CONFIGS = new OwnedKind<>("BuildConfig", GenericKubernetesResource.class,
            openShift("build.openshift.io", "BuildConfig", "buildconfigs"), OPERATOR_LABELS, EnumSet.of(Platform.OPENSHIFT), true,
            List.of());
    static final OwnedKind<GenericKubernetesResource> BUILDS = new OwnedKind<>("Build", GenericKubernetesResource.class,
            openShift("build.openshift.io", "Build", "builds"), BUILD_LABELS, EnumSet.of(Platform.OPENSHIFT), false, List.of());

    static final List<OwnedKind<?>> ALL = List.of(CONFIG_MAPS, SERVICES, DEPLOYMENTS, SERVICE_ACCOUNTS, POD_DISRUPTION_BUDGETS,
            SECRETS, CLUSTER_ROLE_BINDINGS, BUILD_PODS, BUILD_CONFIGS, BUILDS);

    private OwnedKinds() {
    }

    /** The kinds that exist on this platform. */
    static List<OwnedKind<?>> on(Platform platform) {
        return ALL.stream().filter(kind -> kind.existsOn(platform)).toList();
    }

    /** The kind of a desired object. */
    @SuppressWarnings("unchecked")
    static <T extends HasMetadata> OwnedKind<T> of(T object) {
        for (OwnedKind<?> kind : ALL) {
            if (kind.describes(object)) {
                return (OwnedKind<T>) kind;
            }
        }
        throw new IllegalArgumentException("the operator does not own objects of kind " + object.getKind()
                + ": add it to OwnedKinds.ALL");
    }

    private static <T extends HasMetadata> OwnedKind<T> kept(String kind, Class<T> type, Set<Platform> platforms, List<String> preserved) {
        return new OwnedKind<>(kind, type, null, OPERATOR_LABELS, platforms, true, preserved);
    }

    static ResourceDefinitionContext openShift(String group, String kind, String plural) {
        return new ResourceDefinitionContext.Builder().withGroup(group).withVersion("v1").withKind(kind).withPlural(plural)
                .withNamespaced(true).build();
    }
}
