package io.strimzi.operator.cluster.packaging;

import io.strimzi.operator.cluster.config.OperatorVersion;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The version agrees everywhere it is written, and .ci/set-version.sh changes all of it in one step. */
class ReleaseVersionTest {
    private static final String SCRIPT = ".ci/set-version.sh";
    /** What the script edits, copied into a temporary "repository" for each test. */
    private static final List<String> RELEASE_FILES = java.util.stream.Stream.of(List.of("pom.xml"),
            ProjectVersions.modulePoms(RepositoryFiles.ROOT), List.of("install", "helm-charts", SCRIPT)).flatMap(List::stream).toList();

    @Test
    void versionAgreesEverywhereInTheRepository() {
        ProjectVersions found = new ProjectVersions(RepositoryFiles.ROOT);
        assertAllAgree(found, OperatorVersion.current());
    }

    @Test
    void releaseThenBackToSnapshot(@TempDir Path copy) throws Exception {
        copyReleaseFiles(copy);
        Map<String, String> original = contents(copy);
        String current = new ProjectVersions(copy).projectVersion();

        assertEquals(0, runScript(copy, "7.8.9").exitCode);
        assertAllAgree(new ProjectVersions(copy), "7.8.9");
        assertEquals("7.8.9", new ProjectVersions(copy).imageTags.get("values.yaml buildah.image.tag"));

        assertEquals(0, runScript(copy, "7.8.10").exitCode, "a release after a release changes the tags too");
        assertAllAgree(new ProjectVersions(copy), "7.8.10");

        assertEquals(0, runScript(copy, "7.9.0-SNAPSHOT").exitCode);
        assertAllAgree(new ProjectVersions(copy), "7.9.0-SNAPSHOT");

        assertEquals(0, runScript(copy, current).exitCode);
        assertEquals(original, contents(copy), "going back to " + current + " restores every file byte for byte");
    }

    @Test
    void releaseChangesOnlyVersionsAndTags(@TempDir Path copy) throws Exception {
        copyReleaseFiles(copy);
        Map<String, String> before = contents(copy);
        String oldVersion = new ProjectVersions(copy).projectVersion();
        String oldTag = ProjectVersions.imageTag(oldVersion);

        assertEquals(0, runScript(copy, "7.8.9").exitCode);

        Map<String, String> after = contents(copy);
        int changedLines = 0;
        for (Map.Entry<String, String> file : before.entrySet()) {
            String[] oldLines = file.getValue().split("\n", -1);
            String[] newLines = after.get(file.getKey()).split("\n", -1);
            assertEquals(oldLines.length, newLines.length, file.getKey());
            for (int i = 0; i < oldLines.length; i++) {
                if (!oldLines[i].equals(newLines[i])) {
                    changedLines++;
                    String restored = newLines[i].replace("7.8.9", oldLines[i].contains(oldVersion) ? oldVersion : oldTag);
                    assertEquals(oldLines[i], restored, file.getKey() + " line " + (i + 1) + " changed more than the version");
                }
            }
        }
        assertTrue(changedLines >= 15, "poms, chart, values and install/ lines changed: " + changedLines);
    }

    @Test
    void refusesAMalformedVersionAndChangesNothing(@TempDir Path copy) throws Exception {
        copyReleaseFiles(copy);
        Map<String, String> before = contents(copy);
        for (String bad : List.of("1.2", "v1.2.3", "1.2.3-rc1", "1.2.3; touch x", "")) {
            ScriptResult result = runScript(copy, bad);
            assertNotEquals(0, result.exitCode, bad);
            assertTrue(result.output.contains("usage"), result.output);
        }
        assertEquals(before, contents(copy));
    }

    private static void assertAllAgree(ProjectVersions found, String version) {
        Map<String, String> wrongVersions = new TreeMap<>();
        found.versions.forEach((place, value) -> {
            if (!value.equals(version)) {
                wrongVersions.put(place, value);
            }
        });
        assertEquals(Map.of(), wrongVersions, "places whose version is not " + version);
        String tag = ProjectVersions.imageTag(version);
        Map<String, String> wrongTags = new TreeMap<>();
        found.imageTags.forEach((place, value) -> {
            if (!value.equals(tag)) {
                wrongTags.put(place, value);
            }
        });
        assertEquals(Map.of(), wrongTags, "Strimzi image tags that are not " + tag);
        // Non-vacuous: 3 poms and 2 chart fields; 5 tags in values.yaml and at least 6 images in install/.
        assertTrue(found.versions.size() >= 5, "versions found: " + found.versions);
        assertTrue(found.imageTags.keySet().stream().filter(p -> p.startsWith("install/")).count() >= 6, "tags found: " + found.imageTags);
        assertTrue(found.imageTags.keySet().stream().filter(p -> p.startsWith("values.yaml")).count() >= 5, "tags found: " + found.imageTags);
    }

    private static void copyReleaseFiles(Path copy) throws IOException {
        for (String file : RELEASE_FILES) {
            Path source = RepositoryFiles.ROOT.resolve(file);
            Path target = copy.resolve(file);
            Files.createDirectories(target.getParent());
            if (Files.isDirectory(source)) {
                Chart.copyTree(source, target);
            } else {
                Files.copy(source, target);
            }
        }
    }

    /** Relative path → content of every file of the copy. */
    private static Map<String, String> contents(Path root) throws IOException {
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(Files::isRegularFile)
                    .collect(Collectors.toMap(f -> root.relativize(f).toString(), RepositoryFiles::read, (a, b) -> a, TreeMap::new));
        }
    }

    private record ScriptResult(int exitCode, String output) {
    }

    private static ScriptResult runScript(Path root, String version) throws IOException, InterruptedException {
        Process process = new ProcessBuilder("bash", root.resolve(SCRIPT).toString(), version)
                .directory(root.toFile())
                .redirectErrorStream(true)
                .start();
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), "set-version.sh finished");
        return new ScriptResult(process.exitValue(), new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
    }
}
