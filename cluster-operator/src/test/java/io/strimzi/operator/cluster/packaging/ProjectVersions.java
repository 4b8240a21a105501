package io.strimzi.operator.cluster.packaging;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Every place of a repository (the real one, or a copy) where the project version is written: as a version
 * (poms, Chart.yaml) or as the tag of a Strimzi image (install/, values.yaml).
 */
final class ProjectVersions {
    private static final Pattern PARENT_VERSION = Pattern.compile("<artifactId>strimzi-parent</artifactId>\\s*<version>([^<]+)</version>");
    private static final Pattern MODULE = Pattern.compile("<module>([^<]+)</module>");
    private static final Pattern STRIMZI_IMAGE = Pattern.compile("quay\\.io/strimzi/([a-z0-9-]+):([A-Za-z0-9_.-]+?)(-kafka-[0-9.]+)?$", Pattern.MULTILINE);

    /** The poms of the root pom's modules ("api/pom.xml", ...), in its order. */
    static java.util.List<String> modulePoms(Path root) {
        java.util.List<String> poms = new java.util.ArrayList<>();
        Matcher modules = MODULE.matcher(RepositoryFiles.read(root.resolve("pom.xml")));
        while (modules.find()) {
            poms.add(modules.group(1) + "/pom.xml");
        }
        return poms;
    }

    /** Place → version, e.g. "api/pom.xml parent" → "0.49.0-SNAPSHOT". */
    final Map<String, String> versions = new LinkedHashMap<>();
    /** Place → image tag, e.g. "values.yaml buildah.image.tag" → "latest". */
    final Map<String, String> imageTags = new LinkedHashMap<>();

    ProjectVersions(Path root) {
        String rootPom = RepositoryFiles.read(root.resolve("pom.xml"));
        versions.put("pom.xml", first(PARENT_VERSION, rootPom, "pom.xml"));
        for (String pom : modulePoms(root)) {
            versions.put(pom + " parent", first(PARENT_VERSION, RepositoryFiles.read(root.resolve(pom)), pom));
        }

        Path chartDir = root.resolve(RepositoryFiles.ROOT.relativize(RepositoryFiles.CHART_DIR));
        Map<String, Object> chart = RepositoryFiles.parseDocuments(RepositoryFiles.read(chartDir.resolve("Chart.yaml"))).get(0);
        versions.put("Chart.yaml version", String.valueOf(chart.get("version")));
        versions.put("Chart.yaml appVersion", String.valueOf(chart.get("appVersion")));

        Map<String, Object> values = RepositoryFiles.parseDocuments(RepositoryFiles.read(chartDir.resolve("values.yaml"))).get(0);
        for (String image : List.of("image", "buildah.image", "kanikoExecutor.image", "mavenBuilder.image")) {
            imageTags.put("values.yaml " + image + ".tag", String.valueOf(Manifests.map(values, image.split("\\.")).get("tag")));
        }
        imageTags.put("values.yaml kafkaConnect.image.tagPrefix", String.valueOf(Manifests.map(values, "kafkaConnect", "image").get("tagPrefix")));

        Path installDir = root.resolve(RepositoryFiles.ROOT.relativize(RepositoryFiles.INSTALL_DIR));
        Map<String, Object> deployment = Manifests.single(RepositoryFiles.installObjects(installDir), "Deployment", "strimzi-cluster-operator");
        Map<String, Object> container = Manifests.operatorContainer(deployment);
        List<String> images = new ArrayList<>();
        images.add("image " + container.get("image"));
        Manifests.literalEnv(container).forEach((name, value) -> images.add(name + " " + value));
        for (String image : images) {
            Matcher matcher = STRIMZI_IMAGE.matcher(image);
            while (matcher.find()) {
                String suffix = matcher.group(3) == null ? "" : matcher.group(3);
                imageTags.put("install/ " + image.substring(0, image.indexOf(' ')) + " " + matcher.group(1) + suffix, matcher.group(2));
            }
        }
    }

    private static String first(Pattern pattern, String text, String where) {
        Matcher matcher = pattern.matcher(text);
        if (!matcher.find()) {
            throw new AssertionError("no project version in " + where);
        }
        return matcher.group(1);
    }

    /** The version of the root pom: the one the others must agree with. */
    String projectVersion() {
        return versions.get("pom.xml");
    }

    /** The tag of Strimzi images for a version: `latest` for a snapshot. */
    static String imageTag(String version) {
        return version.endsWith("-SNAPSHOT") ? "latest" : version;
    }
}
