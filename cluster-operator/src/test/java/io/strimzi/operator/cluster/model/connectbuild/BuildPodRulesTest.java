package io.strimzi.operator.cluster.model.connectbuild;

import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirementsBuilder;
import io.strimzi.api.kafka.model.connect.KafkaConnect;
import io.strimzi.operator.cluster.config.ClusterOperatorConfig;
import io.strimzi.operator.cluster.config.PodSecurityProfile;
import io.strimzi.operator.cluster.model.InvalidResourceException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.LinkedHashMap;
import java.util.Map;

import static io.strimzi.operator.cluster.model.connectbuild.KafkaConnectBuildTest.build;
import static io.strimzi.operator.cluster.model.connectbuild.KafkaConnectBuildTest.config;
import static io.strimzi.operator.cluster.model.connectbuild.KafkaConnectBuildTest.connect;
import static io.strimzi.operator.cluster.model.connectbuild.KafkaConnectBuildTest.invalid;
import static io.strimzi.operator.cluster.model.connectbuild.KafkaConnectBuildTest.openShift;
import static io.strimzi.operator.cluster.model.connectbuild.KafkaConnectBuildTest.withTemplate;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What the build Pod refuses or adds beyond its templates: profile, resources, labels, template volumes. */
class BuildPodRulesTest {
    @ParameterizedTest
    @CsvSource({"+UseConnectBuildWithBuildah,buildah", "-UseConnectBuildWithBuildah,kaniko"})
    void restrictedProfileRefusesBuildahAndKanikoSayingWhatToUse(String gates, String builder) {
        ClusterOperatorConfig config = config(gates).podSecurityProfile(PodSecurityProfile.RESTRICTED).build();
        String message = invalid(connect(), config).getMessage();
        assertTrue(message.startsWith(".spec.build: the operator runs with the restricted Pod Security profile "
                + "(STRIMZI_POD_SECURITY_PROVIDER_CLASS=restricted), and the " + builder + " builder cannot run under it"), message);
        assertTrue(message.contains("set .spec.image") && message.contains(".spec.plugins") && message.contains("baseline")
                && message.contains("UseConnectBuildWithLayerAppend"), message);
        // The same resource builds under the baseline profile, and as an OpenShift Build whatever the profile.
        build(connect(), config(gates).build());
        openShift(connect(), config);
    }

    @Test
    void requestsAboveLimitsAreRefusedNamingBoth() {
        KafkaConnect connect = connect();
        connect.getSpec().getBuild().setResources(new ResourceRequirementsBuilder()
                .addToRequests("memory", new Quantity("2Gi")).addToLimits("memory", new Quantity("1536Mi"))
                .addToRequests("cpu", new Quantity("500m")).addToLimits("cpu", new Quantity("1")).build());
        assertEquals(".spec.build.resources.requests.memory (2Gi) is above .spec.build.resources.limits.memory (1536Mi); "
                + "a request must not exceed its limit", invalid(connect, config("+UseConnectBuildWithBuildah").build()).getMessage());
        connect.getSpec().getBuild().getResources().getRequests().put("memory", new Quantity("1.5Gi"));
        assertEquals(new Quantity("1.5Gi"), build(connect, config("+UseConnectBuildWithBuildah").build()).pod().getSpec()
                .getContainers().get(0).getResources().getRequests().get("memory"), "equal to the limit is allowed");
    }

    @Test
    void customBuildLabelsGoOnEveryBuildObjectBelowTheOperatorsOwn() {
        Map<String, String> custom = new LinkedHashMap<>();
        custom.put("cost-centre", "build");
        ClusterOperatorConfig config = ClusterOperatorConfig.fromMap(Map.of(
                ClusterOperatorConfig.STRIMZI_FEATURE_GATES, "+UseConnectBuildWithBuildah",
                ClusterOperatorConfig.STRIMZI_CUSTOM_KAFKA_CONNECT_BUILD_LABELS, "cost-centre=build, example.com/team=a"), "0.49.0");
        PodBuild build = build(connect(), config);
        for (var object : build.objects()) {
            assertEquals("build", object.getMetadata().getLabels().get("cost-centre"), object.getKind());
            assertEquals("a", object.getMetadata().getLabels().get("example.com/team"), object.getKind());
            assertEquals("kafka-connect-build", object.getMetadata().getLabels().get("strimzi.io/component-type"), object.getKind());
        }
        OpenShiftBuild openShift = openShift(connect(), config);
        assertEquals("build", openShift.buildConfig().getMetadata().getLabels().get("cost-centre"));
    }

    @Test
    void theBuildPodMountsNoServiceAccountToken() {
        assertEquals(Boolean.FALSE, build(connect(), config("+UseConnectBuildWithBuildah").build()).pod().getSpec()
                .getAutomountServiceAccountToken());
        assertEquals(Boolean.FALSE, build(connect(), config("-UseConnectBuildWithBuildah").build()).pod().getSpec()
                .getAutomountServiceAccountToken());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "volumes: [{name: buildah-storage, emptyDir: {}}]|.spec.template.buildPod.volumes[0].name 'buildah-storage' is the name of a volume the operator adds to this Pod",
        "volumes: [{name: Bad_Name, emptyDir: {}}]|.spec.template.buildPod.volumes[0].name 'Bad_Name' is not a valid volume name",
        "volumes: [{name: a, emptyDir: {}}, {name: a, emptyDir: {}}]|.spec.template.buildPod.volumes[1].name 'a' is already the name of .spec.template.buildPod.volumes[0]",
        "volumes: [{name: a}]|.spec.template.buildPod.volumes[0] must have exactly one source"})
    void buildPodVolumesAreCheckedAsTheApiServerWould(String volumes, String expected) {
        KafkaConnect connect = withTemplate("buildPod:\n  " + volumes + "\n");
        String message = assertThrowsInvalid(connect);
        assertTrue(message.startsWith(expected), message);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "[{name: other, mountPath: /etc/ca}]|.spec.template.buildContainer.volumeMounts[0].name 'other' is not a volume of .spec.template.buildPod.volumes (ca)",
        "[{name: ca, mountPath: etc/ca}]|.spec.template.buildContainer.volumeMounts[0].mountPath 'etc/ca' must be an absolute path",
        "[{name: ca, mountPath: /var/lib/containers}]|.spec.template.buildContainer.volumeMounts[0].mountPath '/var/lib/containers' is where the operator mounts one of its own volumes",
        "[{name: ca, mountPath: /dockerfile/}]|.spec.template.buildContainer.volumeMounts[0].mountPath '/dockerfile/' is where the operator mounts",
        "[{name: ca, mountPath: /a}, {name: ca, mountPath: /a}]|.spec.template.buildContainer.volumeMounts[1].mountPath '/a' is already the path of .spec.template.buildContainer.volumeMounts[0]",
        "[{name: ca, mountPath: /a, subPath: ../x}]|.spec.template.buildContainer.volumeMounts[0].subPath '../x' must be a relative path without '..'"})
    void buildContainerMountsMustNameATemplateVolume(String mounts, String expected) {
        KafkaConnect connect = withTemplate("buildPod:\n  volumes: [{name: ca, secret: {secretName: ca}}]\n"
                + "buildContainer:\n  volumeMounts: " + mounts + "\n");
        String message = assertThrowsInvalid(connect);
        assertTrue(message.startsWith(expected), message);
    }

    @Test
    void buildContainerVariablesFromSecretsNeedANameAndAKey() {
        KafkaConnect connect = withTemplate("buildContainer:\n  env: [{name: TOKEN, valueFrom: {secretKeyRef: {name: s}}}]\n");
        assertEquals(".spec.template.buildContainer.env[0].valueFrom.secretKeyRef.key is required", assertThrowsInvalid(connect));
    }

    private static String assertThrowsInvalid(KafkaConnect connect) {
        InvalidResourceException e = invalid(connect, config("+UseConnectBuildWithBuildah").build());
        return e.getMessage();
    }
}
