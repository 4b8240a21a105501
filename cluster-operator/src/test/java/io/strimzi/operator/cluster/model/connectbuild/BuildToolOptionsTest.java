package io.strimzi.operator.cluster.model.connectbuild;

import io.fabric8.kubernetes.api.model.Pod;
import io.strimzi.api.kafka.model.connect.KafkaConnect;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static io.strimzi.operator.cluster.model.connectbuild.KafkaConnectBuildTest.BUILDAH;
import static io.strimzi.operator.cluster.model.connectbuild.KafkaConnectBuildTest.IMAGE;
import static io.strimzi.operator.cluster.model.connectbuild.KafkaConnectBuildTest.KANIKO;
import static io.strimzi.operator.cluster.model.connectbuild.KafkaConnectBuildTest.build;
import static io.strimzi.operator.cluster.model.connectbuild.KafkaConnectBuildTest.connect;
import static io.strimzi.operator.cluster.model.connectbuild.KafkaConnectBuildTest.container;
import static io.strimzi.operator.cluster.model.connectbuild.KafkaConnectBuildTest.invalid;
import static io.strimzi.operator.cluster.model.connectbuild.KafkaConnectBuildTest.output;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The additional options each tool in a build Pod accepts, refuses and passes on. */
class BuildToolOptionsTest {
    @Test
    void buildahAcceptsEveryAllowedOptionInOrder() {
        KafkaConnect connect = connect();
        List<String> buildOptions = new ArrayList<>();
        BuildahTool.BUILD_OPTIONS.allowedNames().forEach(name -> buildOptions.add(name + "=value-of" + name));
        buildOptions.add("--tls-verify");
        List<String> pushOptions = new ArrayList<>();
        BuildahTool.PUSH_OPTIONS.allowedNames().forEach(name -> pushOptions.add(name + "=" + name));
        pushOptions.add("--tls-verify");
        pushOptions.add("--quiet");
        output(connect).setAdditionalBuildOptions(buildOptions);
        output(connect).setAdditionalPushOptions(pushOptions);

        List<String> expected = new ArrayList<>(List.of(IMAGE, "registry.example.com:5000/org/connect", Integer.toString(buildOptions.size())));
        expected.addAll(buildOptions);
        expected.addAll(pushOptions);
        assertEquals(expected, container(build(connect, BUILDAH)).getArgs());
        assertEquals(List.of("--authfile", "--cert-dir", "--creds", "--decryption-key", "--retry", "--retry-delay", "--tls-verify"),
                BuildahTool.BUILD_OPTIONS.allowedNames().stream().sorted().toList());
        assertEquals(List.of("--authfile", "--cert-dir", "--creds", "--quiet", "--retry", "--retry-delay", "--tls-verify"),
                BuildahTool.PUSH_OPTIONS.allowedNames().stream().sorted().toList());
    }

    @Test
    void buildahRejectsForbiddenBuildOptionsListingThemWithoutValues() {
        KafkaConnect connect = connect();
        output(connect).setAdditionalBuildOptions(List.of("--retry=2", "--file=/etc/passwd", "--tag=evil", "-f",
                "--cred=user:s3cret", "--build-arg=A=b", "--isolation=oci", "--quiet", "--retry=3"));
        String message = invalid(connect, BUILDAH).getMessage();
        assertTrue(message.startsWith("Invalid .spec.build.output.additionalBuildOptions: "), message);
        assertTrue(message.contains("not allowed with the Buildah builder (build phase): --file, --tag, -f, --cred, --build-arg, --isolation, --quiet "), message);
        assertTrue(!message.contains("s3cret") && !message.contains("/etc/passwd"), message);
    }

    @Test
    void buildahRejectsForbiddenPushOptions() {
        KafkaConnect connect = connect();
        output(connect).setAdditionalPushOptions(List.of("--quiet", "--digestfile=/tmp/d", "--format=v2s2", "--decryption-key=k"));
        String message = invalid(connect, BUILDAH).getMessage();
        assertTrue(message.startsWith("Invalid .spec.build.output.additionalPushOptions: "), message);
        assertTrue(message.contains(": --digestfile, --format, --decryption-key (allowed: "), message);
    }

    @Test
    void valuedOptionsNeedTheirValueAndControlCharactersAreRejected() {
        KafkaConnect connect = connect();
        output(connect).setAdditionalBuildOptions(List.of("--creds", "--retry"));
        String message = invalid(connect, BUILDAH).getMessage();
        assertTrue(message.contains("need a value given as --name=value: --creds, --retry"), message);

        output(connect).setAdditionalBuildOptions(List.of("--tls-verify", "--creds=a\nb", "--retry=1\r", "--cert-dir=\u0000"));
        message = invalid(connect, BUILDAH).getMessage();
        assertTrue(message.contains("newline or another control character: .spec.build.output.additionalBuildOptions[1], "
                + ".spec.build.output.additionalBuildOptions[2], .spec.build.output.additionalBuildOptions[3]"), message);
        assertTrue(!message.contains("a\nb"), message);

        output(connect).setAdditionalBuildOptions(List.of("--tls-verify=false", "--creds="));
        assertEquals(List.of(IMAGE, "registry.example.com:5000/org/connect", "2", "--tls-verify=false", "--creds="),
                container(build(connect, BUILDAH)).getArgs());
    }

    @Test
    void kanikoAcceptsEveryAllowedOption() {
        KafkaConnect connect = connect();
        List<String> options = new ArrayList<>();
        KanikoTool.OPTIONS.allowedNames().forEach(name -> options.add(name + "=v"));
        List.of("--insecure", "--insecure-pull", "--log-timestamp", "--reproducible", "--single-snapshot",
                "--skip-tls-verify", "--skip-tls-verify-pull", "--use-new-run").forEach(options::add);
        output(connect).setAdditionalBuildOptions(options);
        List<String> expected = new ArrayList<>(List.of("--dockerfile=/dockerfile/Dockerfile",
                "--image-name-with-digest-file=/dev/termination-log", "--destination=" + IMAGE));
        expected.addAll(options);
        assertEquals(expected, container(build(connect, KANIKO)).getArgs());
        assertEquals(List.of("--custom-platform", "--customPlatform", "--ignore-path", "--insecure", "--insecure-pull",
                "--insecure-registry", "--log-format", "--log-timestamp", "--registry-certificate", "--registry-client-cert",
                "--registry-mirror", "--reproducible", "--single-snapshot", "--skip-tls-verify", "--skip-tls-verify-pull",
                "--skip-tls-verify-registry", "--snapshotMode", "--use-new-run", "--verbosity"),
                KanikoTool.OPTIONS.allowedNames().stream().sorted().toList());
    }

    @Test
    @SuppressWarnings("deprecation")
    void kanikoRejectsForbiddenOptionsInTheFieldItUses() {
        KafkaConnect connect = connect();
        output(connect).setAdditionalKanikoOptions(List.of("--verbosity=debug", "--destination=evil/image", "--context=dir://x",
                "--build-arg=X=1", "--dockerfile=/etc/passwd"));
        String message = invalid(connect, KANIKO).getMessage();
        assertTrue(message.startsWith("Invalid .spec.build.output.additionalKanikoOptions: options not allowed with the "
                + "Kaniko builder: --destination, --context, --build-arg, --dockerfile (allowed: "), message);

        output(connect).setAdditionalKanikoOptions(null);
        output(connect).setAdditionalBuildOptions(List.of("--creds=x", "--verbosity"));
        message = invalid(connect, KANIKO).getMessage();
        assertTrue(message.startsWith("Invalid .spec.build.output.additionalBuildOptions: options not allowed with the "
                + "Kaniko builder: --creds (allowed: "), message);
        assertTrue(message.contains("need a value given as --name=value: --verbosity"), message);
    }

    @Test
    @SuppressWarnings("deprecation")
    void kanikoPrecedenceBuildOptionsWinAndPushOptionsAreIgnored() {
        KafkaConnect connect = connect();
        output(connect).setAdditionalKanikoOptions(List.of("--not-checked-because-overridden"));
        output(connect).setAdditionalBuildOptions(List.of("--reproducible"));
        output(connect).setAdditionalPushOptions(List.of("--not-checked-under-kaniko", "--retry=3"));
        List<String> args = container(build(connect, KANIKO)).getArgs();
        assertEquals(List.of("--dockerfile=/dockerfile/Dockerfile", "--image-name-with-digest-file=/dev/termination-log",
                "--destination=" + IMAGE, "--reproducible"), args);

        output(connect).setAdditionalBuildOptions(null);
        output(connect).setAdditionalKanikoOptions(List.of("--single-snapshot", "--verbosity=info"));
        assertEquals(List.of("--dockerfile=/dockerfile/Dockerfile", "--image-name-with-digest-file=/dev/termination-log",
                "--destination=" + IMAGE, "--single-snapshot", "--verbosity=info"), container(build(connect, KANIKO)).getArgs());
    }

    @Test
    @SuppressWarnings("deprecation")
    void buildahIgnoresKanikoOptions() {
        KafkaConnect connect = connect();
        output(connect).setAdditionalKanikoOptions(List.of("--reproducible", "--anything-goes"));
        PodBuild build = build(connect, BUILDAH);
        assertEquals(List.of(IMAGE, "registry.example.com:5000/org/connect", "0"), container(build).getArgs());
        assertEquals(List.of(BuildWarnings.deprecatedKanikoOptions()), build.warnings());
    }
}
