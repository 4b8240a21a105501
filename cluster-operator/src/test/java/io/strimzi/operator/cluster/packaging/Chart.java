package io.strimzi.operator.cluster.packaging;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.LintResult;
import com.marcnuri.helm.TemplateCommand;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/** The chart, run through the real Helm 3 that helm-java embeds. */
final class Chart {
    static final String RELEASE_NAME = "strimzi";
    /** The namespace install/ is written for (its RoleBinding subjects). */
    static final String NAMESPACE = "myproject";

    private Chart() {
    }

    /** `helm template` with `--set` values, parsed. Throws when Helm refuses (for example the values schema). */
    static List<Map<String, Object>> render(Map<String, Object> setValues) {
        TemplateCommand template = new Helm(RepositoryFiles.CHART_DIR).template()
                .withName(RELEASE_NAME)
                .withNamespace(NAMESPACE);
        setValues.forEach(template::set);
        return RepositoryFiles.parseDocuments(template.call());
    }

    static List<Map<String, Object>> renderDefaults() {
        return render(Map.of());
    }

    /**
     * `helm lint --strict` on a copy of the chart that holds the CRD: the committed copy when present, else the
     * one the api module just generated.
     */
    static LintResult lintStrict(Path workDir) {
        Path copy = workDir.resolve("strimzi-kafka-operator");
        copyTree(RepositoryFiles.CHART_DIR, copy);
        Path crd = copy.resolve("crds").resolve(RepositoryFiles.CRD_FILE_NAME);
        try {
            if (!Files.exists(crd)) {
                Files.createDirectories(crd.getParent());
                Files.copy(RepositoryFiles.GENERATED_CRD, crd);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new Helm(copy).lint().strict().call();
    }

    static void copyTree(Path from, Path to) {
        try (Stream<Path> paths = Files.walk(from)) {
            for (Path source : (Iterable<Path>) paths::iterator) {
                Path target = to.resolve(from.relativize(source).toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(source, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
