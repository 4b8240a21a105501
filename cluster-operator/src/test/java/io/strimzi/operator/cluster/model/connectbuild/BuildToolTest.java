package io.strimzi.operator.cluster.model.connectbuild;

import io.fabric8.kubernetes.api.model.PodSecurityContext;
import io.fabric8.kubernetes.api.model.PodSecurityContextBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.SecurityContextBuilder;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeBuilder;
import io.fabric8.kubernetes.api.model.VolumeMountBuilder;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.strimzi.api.kafka.model.connect.KafkaConnect;
import io.strimzi.api.kafka.model.template.KafkaConnectTemplate;
import io.strimzi.operator.cluster.model.InvalidResourceException;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static io.strimzi.operator.cluster.model.connectbuild.KafkaConnectBuildTest.BUILDAH;
import static io.strimzi.operator.cluster.model.connectbuild.KafkaConnectBuildTest.IMAGE;
import static io.strimzi.operator.cluster.model.connectbuild.KafkaConnectBuildTest.KANIKO;
import static io.strimzi.operator.cluster.model.connectbuild.KafkaConnectBuildTest.LAYER;
import static io.strimzi.operator.cluster.model.connectbuild.KafkaConnectBuildTest.LAYER_WITH_KANIKO;
import static io.strimzi.operator.cluster.model.connectbuild.KafkaConnectBuildTest.build;
import static io.strimzi.operator.cluster.model.connectbuild.KafkaConnectBuildTest.connect;
import static io.strimzi.operator.cluster.model.connectbuild.KafkaConnectBuildTest.imageStreamConnect;
import static io.strimzi.operator.cluster.model.connectbuild.KafkaConnectBuildTest.output;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The choice of the tool, and what a tool decides about its build Pod. */
class BuildToolTest {
    @Test
    void theToolFollowsThePlatformTheGatesAndTheOutput() {
        BuildOutput registry = BuildDescription.fromCrd(connect(), BUILDAH).output();
        BuildOutput imageStream = BuildDescription.fromCrd(imageStreamConnect(), BUILDAH).output();
        assertEquals(BuildTool.BUILDAH, BuildTool.select(BUILDAH, Platform.KUBERNETES, registry));
        assertEquals(BuildTool.KANIKO, BuildTool.select(KANIKO, Platform.KUBERNETES, registry));
        assertEquals(BuildTool.OPENSHIFT_BUILD, BuildTool.select(BUILDAH, Platform.OPENSHIFT, registry));
        assertEquals(BuildTool.OPENSHIFT_BUILD, BuildTool.select(KANIKO, Platform.OPENSHIFT, registry));
        // The layer gate: every build on Kubernetes (whatever the Buildah gate), docker outputs on OpenShift.
        assertEquals(BuildTool.LAYER, BuildTool.select(LAYER, Platform.KUBERNETES, registry));
        assertEquals(BuildTool.LAYER, BuildTool.select(LAYER_WITH_KANIKO, Platform.KUBERNETES, registry));
        assertEquals(BuildTool.LAYER, BuildTool.select(LAYER, Platform.KUBERNETES, imageStream), "refused later by the tool's check");
        assertEquals(BuildTool.LAYER, BuildTool.select(LAYER, Platform.OPENSHIFT, registry));
        assertEquals(BuildTool.OPENSHIFT_BUILD, BuildTool.select(LAYER, Platform.OPENSHIFT, imageStream));
        assertEquals(List.of("buildah", "kaniko", "layer", "openshift"), List.of(BuildTool.values()).stream().map(BuildTool::statusName).toList());
        assertEquals(BuildTool.KANIKO, build(connect(), KANIKO).tool());
        assertEquals(BuildTool.OPENSHIFT_BUILD, KafkaConnectBuild.fromCrd(connect(), BUILDAH, Platform.OPENSHIFT).tool());
        assertEquals(BuildTool.LAYER, KafkaConnectBuild.fromCrd(connect(), LAYER, Platform.OPENSHIFT).tool());
        assertEquals(BuildTool.OPENSHIFT_BUILD, KafkaConnectBuild.fromCrd(imageStreamConnect(), LAYER, Platform.OPENSHIFT).tool());
    }

    /**
     * What a third tool in a build Pod would be (the planned layer builder): a JSON plan instead of a Dockerfile, its
     * own scratch volume, its own Pod security context and annotation, and an option it refuses. It plugs into
     * {@link PodBuild} as one class (here) and one {@link BuildTool} constant (here it borrows BUILDAH's).
     */
    static final class PlanTool implements PodBuildTool {
        static final String SCRATCH = "plan-scratch";

        @Override
        public void check(BuildDescription build) {
            PodBuildTool.requireRegistryOutput(build);
            if (build.options().build() != null && build.options().build().stream().anyMatch(o -> o.startsWith("--decryption-key"))) {
                throw new InvalidResourceException(BuildDescription.BUILD_OPTIONS_FIELD + ": --decryption-key is not supported by the plan tool");
            }
        }

        @Override
        public ToolInput input(BuildDescription build, String connectName) {
            String plan = "{\"base\":\"" + build.baseImage() + "\",\"output\":\"" + build.output().image() + "\",\"artifacts\":["
                    + build.artifacts().stream().map(a -> "\"" + a.relativeDirectory() + "\"").collect(Collectors.joining(",")) + "]}";
            return new ToolInput(connectName + "-connect-build-plan", "plan", "/plan", "plan.json", plan);
        }

        @Override
        public ToolPod pod(BuildDescription build, PodSettings settings) {
            Volume scratch = new VolumeBuilder().withName(SCRATCH)
                    .withNewEmptyDir().withSizeLimit(new Quantity(settings.scratchSizeLimit())).endEmptyDir().build();
            return new ToolPod("example.com/planner:1", List.of("java", "-jar", "/planner.jar"), List.of("--plan", "/plan/plan.json"),
                    List.of(), List.of(new VolumeMountBuilder().withName(SCRATCH).withMountPath("/tmp").build()),
                    new SecurityContextBuilder().withAllowPrivilegeEscalation(false).build(), List.of(scratch),
                    new PodSecurityContextBuilder().withRunAsNonRoot(true).build(), Map.of("example.com/tool", "plan"));
        }
    }

    static PodBuild planBuild(KafkaConnect connect) {
        return PodBuild.create(BuildTool.BUILDAH, new PlanTool(), connect, BUILDAH, BuildDescription.fromCrd(connect, BUILDAH), List.of());
    }

    @Test
    void aThirdToolGetsItsInputScratchVolumeSecurityContextAndAnnotations() {
        PodBuild build = planBuild(connect());
        assertEquals("my-connect-connect-build-plan", build.inputConfigMap().getMetadata().getName());
        String plan = build.inputConfigMap().getData().get("plan.json");
        assertEquals("{\"base\":\"quay.io/strimzi/kafka:0.49.0-kafka-4.1.0\",\"output\":\"" + IMAGE
                + "\",\"artifacts\":[\"echo-sink/" + PluginArtifact.identityHash("jar", "https://repo.example.com/echo-sink-1.0.0.jar") + "\"]}", plan);
        assertEquals(BuildRevision.of(plan, IMAGE), build.revision(), "the revision hashes the tool's input");
        assertNotEquals(build(connect(), BUILDAH).revision(), build.revision());

        var spec = build.pod().getSpec();
        assertEquals(List.of("plan", "push-secret", PlanTool.SCRATCH), spec.getVolumes().stream().map(Volume::getName).toList());
        assertEquals("my-connect-connect-build-plan", spec.getVolumes().get(0).getConfigMap().getName());
        assertEquals(new Quantity("10Gi"), spec.getVolumes().get(2).getEmptyDir().getSizeLimit());
        assertEquals(List.of("/plan", "/tmp"), spec.getContainers().get(0).getVolumeMounts().stream().map(m -> m.getMountPath()).toList());
        assertEquals(List.of("java", "-jar", "/planner.jar"), spec.getContainers().get(0).getCommand());
        assertEquals(false, spec.getContainers().get(0).getSecurityContext().getAllowPrivilegeEscalation());
        assertEquals(true, spec.getSecurityContext().getRunAsNonRoot());
        assertEquals(Map.of("example.com/tool", "plan", BuildNames.REVISION_ANNOTATION, build.revision()),
                build.pod().getMetadata().getAnnotations());
    }

    @Test
    void theTemplateStillWinsOverTheToolsPodSecurityContext() {
        KafkaConnect connect = connect();
        connect.getSpec().setTemplate(Serialization.unmarshal("buildPod: {securityContext: {fsGroup: 1000}}", KafkaConnectTemplate.class));
        PodSecurityContext context = planBuild(connect).pod().getSpec().getSecurityContext();
        assertEquals(1000L, context.getFsGroup());
        assertEquals(null, context.getRunAsNonRoot());
    }

    @Test
    void aToolRefusesWhatItCannotBuildNamingTheField() {
        KafkaConnect connect = connect();
        output(connect).setAdditionalBuildOptions(List.of("--decryption-key=k"));
        assertEquals(".spec.build.output.additionalBuildOptions: --decryption-key is not supported by the plan tool",
                assertThrows(InvalidResourceException.class, () -> planBuild(connect)).getMessage());
        String message = assertThrows(InvalidResourceException.class, () -> planBuild(imageStreamConnect())).getMessage();
        assertTrue(message.startsWith(".spec.build.output.type: the imagestream output needs OpenShift"), message);
    }

    @Test
    void everyInputConfigMapIsKnownForDeletion() {
        List<String> inputs = List.of(BUILDAH, KANIKO, LAYER).stream()
                .map(config -> build(connect(), config).inputConfigMap().getMetadata().getName()).distinct().toList();
        assertEquals(List.of("my-connect-connect-dockerfile", "my-connect-connect-build-plan"), inputs);
        assertEquals(inputs, BuildNames.inputConfigMapNames("my-connect"));
    }
}
