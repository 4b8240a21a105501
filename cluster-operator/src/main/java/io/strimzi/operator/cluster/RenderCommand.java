package io.strimzi.operator.cluster;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.strimzi.api.kafka.model.common.Condition;
import io.strimzi.api.kafka.model.connect.ConnectorPlugin;
import io.strimzi.api.kafka.model.connect.KafkaConnect;
import io.strimzi.operator.cluster.config.ClusterOperatorConfig;
import io.strimzi.operator.cluster.config.InvalidConfigurationException;
import io.strimzi.operator.cluster.config.OperatorVersion;
import io.strimzi.operator.cluster.model.InvalidResourceException;
import io.strimzi.operator.cluster.model.KafkaConnectReader;
import io.strimzi.operator.cluster.model.connect.ConnectJmx;
import io.strimzi.operator.cluster.model.connect.KafkaConnectCluster;
import io.strimzi.operator.cluster.model.connect.ReferencedResources;
import io.strimzi.operator.cluster.model.connectbuild.BuildNames;
import io.strimzi.operator.cluster.model.connectbuild.KafkaConnectBuild;
import io.strimzi.operator.cluster.model.connectbuild.OpenShiftBuild;
import io.strimzi.operator.cluster.model.connectbuild.Platform;
import io.strimzi.operator.cluster.operator.BuildResult;
import io.strimzi.operator.cluster.operator.ConnectReconciliation;
import io.strimzi.operator.cluster.operator.DesiredStatus;
import io.vertx.core.Future;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * `render`: prints every object the operator would create for one KafkaConnect, without a cluster.
 * Reads the STRIMZI_* variables as the operator does; `--feature-gates` overrides STRIMZI_FEATURE_GATES.
 * Exit status: 0 rendered; 1 invalid resource, configuration or file; 2 invalid command line.
 */
@Command(name = "render", mixinStandardHelpOptions = true,
        description = "Print, as multi-document YAML, the objects the operator would create for a KafkaConnect.")
// The file may hold, after the KafkaConnect, the Secrets and ConfigMaps it references (as in the cluster).
public final class RenderCommand implements Callable<Integer> {
    /** picocli's status for a bad command line; an unknown --platform is one too. */
    static final int USAGE_ERROR = 2;

    @Option(names = "--file", required = true, description = "The KafkaConnect YAML file; further documents in it are the "
            + "Secrets and ConfigMaps the KafkaConnect references, as the cluster holds them.")
    Path file;

    @Option(names = "--feature-gates", description = "Overrides STRIMZI_FEATURE_GATES, e.g. +UseConnectBuildWithBuildah.")
    String featureGates;

    @Option(names = "--platform", defaultValue = "kubernetes",
            description = "kubernetes or openshift (default: ${DEFAULT-VALUE}).")
    String platform;

    private final Map<String, String> environment;
    private final PrintStream out;
    private final PrintStream err;

    public RenderCommand() {
        this(System.getenv(), System.out, System.err);
    }

    RenderCommand(Map<String, String> environment, PrintStream out, PrintStream err) {
        this.environment = environment;
        this.out = out;
        this.err = err;
    }

    /** One object to print and, when part of it is only known after the build, a note printed as a YAML comment. */
    record Rendered(HasMetadata object, String note) {
    }

    @Override
    public Integer call() {
        try {
            return renderFile();
        } finally {
            out.flush();
            err.flush();
        }
    }

    private int renderFile() {
        Platform target;
        try {
            target = Platform.valueOf(platform.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            err.println("Invalid value '" + platform + "' of --platform: must be kubernetes or openshift");
            return USAGE_ERROR;
        }
        ClusterOperatorConfig config;
        try {
            Map<String, String> env = new HashMap<>(environment);
            if (featureGates != null) {
                env.put(ClusterOperatorConfig.STRIMZI_FEATURE_GATES, featureGates);
            }
            config = ClusterOperatorConfig.fromMap(env, OperatorVersion.current());
        } catch (InvalidConfigurationException e) {
            err.println("Invalid configuration: " + e.getMessage()
                    + (featureGates != null && e.getMessage().contains(ClusterOperatorConfig.STRIMZI_FEATURE_GATES)
                            ? " (from --feature-gates)" : ""));
            return 1;
        }
        KubernetesSerialization serialization = new KubernetesSerialization();
        String text;
        try {
            text = Files.readString(file);
        } catch (NoSuchFileException e) {
            err.println("Cannot read a KafkaConnect from " + file + ": the file does not exist");
            return 1;
        } catch (IOException e) {
            err.println("Cannot read a KafkaConnect from " + file + ": " + e.getMessage());
            return 1;
        }
        List<String> documents = ReferencedDocuments.split(text);
        text = documents.get(0);
        ReferencedResources referenced;
        try {
            referenced = ReferencedDocuments.read(documents.subList(1, documents.size()), serialization);
        } catch (IllegalArgumentException e) {
            err.println("Cannot read " + file + ": " + e.getMessage());
            return 1;
        }
        try {
            // Any other kind is a wrong file rather than an invalid KafkaConnect.
            GenericKubernetesResource declared = serialization.unmarshal(text, GenericKubernetesResource.class);
            if (declared == null || !KafkaConnect.KIND.equals(declared.getKind())
                    || declared.getApiVersion() == null || !declared.getApiVersion().startsWith(KafkaConnect.GROUP + "/")) {
                err.println("Cannot read a KafkaConnect from " + file + ": the file holds "
                        + (declared == null || declared.getKind() == null ? "no kind"
                                : "a " + declared.getKind() + " of " + declared.getApiVersion()));
                return 1;
            }
        } catch (RuntimeException e) {
            err.println("Cannot read a KafkaConnect from " + file + ": " + e.getMessage());
            return 1;
        }
        RenderSteps steps = new RenderSteps();
        // As the operator reads it: either served version, checked against its schema, in the user's terms.
        steps.referenced = referenced;
        String connectDocument = text;
        ConnectReconciliation.run(() -> KafkaConnectReader.read(connectDocument), config, target, steps);
        if (!steps.status.valid()) {
            // Exactly the message of the Ready=False condition (reason InvalidResource) the operator would write.
            err.println(steps.status.ready().getMessage());
            return 1;
        }
        for (Condition warning : steps.status.warnings()) {
            err.println("Warning condition " + warning.getReason() + ": " + warning.getMessage());
        }
        List<Rendered> objects = steps.objects;
        for (Rendered rendered : objects) {
            StringBuilder document = new StringBuilder("---\n");
            if (rendered.note() != null) {
                document.append("# ").append(rendered.note()).append('\n');
            }
            String yaml = serialization.asYaml(rendered.object());
            document.append(yaml.startsWith("---\n") ? yaml.substring(4) : yaml);
            out.print(document);
        }
        return 0;
    }

    /**
     * The objects in the order the operator creates them: the build's (Dockerfile ConfigMap, ServiceAccount, proxy Secret,
     * build Pod, or the BuildConfig on OpenShift), then the Connect ConfigMap, Service and Deployment. They come from
     * the operator's own reconciliation ({@link ConnectReconciliation}) with steps that collect them, so an invalid
     * resource throws the InvalidResourceException whose message the operator puts in the Ready=False condition.
     */
    static List<Rendered> render(KafkaConnect connect, ClusterOperatorConfig config, Platform platform) {
        return render(connect, config, platform, ReferencedResources.notRead());
    }

    /** @param referenced the Secrets and ConfigMaps given after the KafkaConnect, or not read when none was given */
    static List<Rendered> render(KafkaConnect connect, ClusterOperatorConfig config, Platform platform,
                                 ReferencedResources referenced) {
        RenderSteps steps = new RenderSteps();
        steps.referenced = referenced;
        ConnectReconciliation.run(() -> connect, config, platform, steps);
        if (!steps.status.valid()) {
            throw new InvalidResourceException(steps.status.ready().getMessage());
        }
        return steps.objects;
    }

    /**
     * The reconciliation's steps without a cluster: every object it would write, in order; the build "succeeds" at once
     * with the output image standing in for the pushed digest.
     */
    private static final class RenderSteps implements ConnectReconciliation.Steps {
        private final List<Rendered> objects = new ArrayList<>();
        private KafkaConnectBuild build;
        private DesiredStatus status;
        private ReferencedResources referenced = ReferencedResources.notRead();
        private String connectName;

        @Override
        public Future<ReferencedResources> referenced(KafkaConnect connect, List<ReferencedResources.Ref> refs) {
            connectName = connect.getMetadata().getName();
            return Future.succeededFuture(referenced);
        }

        @Override
        public Future<Void> keep(List<HasMetadata> kept) {
            kept.forEach(object -> objects.add(new Rendered(object, null)));
            return Future.succeededFuture();
        }

        @Override
        public Future<BuildResult> build(KafkaConnect connect, KafkaConnectBuild build) {
            this.build = build;
            build.objects().stream().filter(object -> !build.inputs().contains(object))
                    .forEach(object -> objects.add(new Rendered(object, null)));
            // The pushed image's digest exists only after the build; until then the output image stands in for it.
            return Future.succeededFuture(new BuildResult.Built(build.revision(), build.outputImage(), null, null));
        }

        @Override
        public Future<Void> removeBuild() {
            return Future.succeededFuture();
        }

        @Override
        public Future<List<ConnectorPlugin>> workload(KafkaConnectCluster workload) {
            for (HasMetadata object : workload.objects()) {
                if (object instanceof Secret secret && secret.getMetadata().getName().equals(ConnectJmx.secretName(connectName))) {
                    // Credentials the operator generates on the cluster are never printed (nor generated here).
                    secret.setData(null);
                    objects.add(new Rendered(secret, "The operator generates " + ConnectJmx.USERNAME_KEY + " and "
                            + ConnectJmx.PASSWORD_KEY + " once, on the cluster, and keeps them."));
                    continue;
                }
                objects.add(new Rendered(object, object instanceof Deployment && build != null ? placeholderNote(build) : null));
            }
            return Future.succeededFuture(null);
        }

        @Override
        public Future<Void> prune(List<HasMetadata> kept) {
            return Future.succeededFuture();
        }

        @Override
        public Future<Void> status(DesiredStatus desired) {
            this.status = desired;
            return Future.succeededFuture();
        }

        @Override
        public Future<Void> finished(BuildResult.Built built) {
            return Future.succeededFuture();
        }
    }

    private static String placeholderNote(KafkaConnectBuild build) {
        return "Placeholder image: after build revision " + build.revision() + " succeeds, the operator sets the image"
                + " and the " + BuildNames.IMAGE_ANNOTATION + " annotation to the pushed image by digest ("
                + (build instanceof OpenShiftBuild ? "as OpenShift reports it" : "<registry>/<repository>@sha256:<digest>")
                + "), not to " + build.outputImage() + ".";
    }
}
