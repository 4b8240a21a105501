package io.strimzi.operator.cluster.packaging;

import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/** Finds the repository's files and reads YAML manifests as plain maps and lists. */
final class RepositoryFiles {
    static final Path ROOT = findRoot();
    static final Path INSTALL_DIR = ROOT.resolve("install/cluster-operator");
    static final Path CHART_DIR = ROOT.resolve("helm-charts/helm3/strimzi-kafka-operator");
    /** Written by the api module's build; a copy of it is what install/ and the chart ship. */
    static final Path GENERATED_CRD = ROOT.resolve("api/target/classes/META-INF/fabric8/kafkaconnects.kafka.strimzi.io-v1.yml");
    static final String CRD_FILE_NAME = "040-Crd-kafkaconnect.yaml";

    private RepositoryFiles() {
    }

    /** The directory holding the parent pom (tests run with the module directory as working directory). */
    private static Path findRoot() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isDirectory(dir.resolve("install")) && Files.isRegularFile(dir.resolve("pom.xml"))
                    && Files.isDirectory(dir.resolve("cluster-operator"))) {
                return dir;
            }
        }
        throw new IllegalStateException("repository root not found above " + Path.of("").toAbsolutePath());
    }

    static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every non-empty YAML document of a (multi-document) text, as maps. */
    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> parseDocuments(String yaml) {
        List<Map<String, Object>> documents = new ArrayList<>();
        for (Object document : new Load(LoadSettings.builder().build()).loadAllFromString(yaml)) {
            if (document != null) {
                documents.add((Map<String, Object>) document);
            }
        }
        return documents;
    }

    /** The objects of install/cluster-operator/, without the CRD (which another test keeps current). */
    static List<Map<String, Object>> installObjects() {
        return installObjects(INSTALL_DIR);
    }

    static List<Map<String, Object>> installObjects(Path installDir) {
        try (Stream<Path> files = Files.list(installDir)) {
            List<Map<String, Object>> objects = new ArrayList<>();
            files.filter(f -> f.getFileName().toString().endsWith(".yaml"))
                    .filter(f -> !f.getFileName().toString().equals(CRD_FILE_NAME))
                    .sorted()
                    .forEach(f -> objects.addAll(parseDocuments(read(f))));
            return objects;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
