package io.strimzi.operator.cluster.benchmarks;

import io.strimzi.operator.cluster.model.connectbuild.ConnectDockerfile;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Fast functional checks of the benchmark harness itself (nothing here measures or times anything). */
class HarnessTest {

    @Test
    void statsGiveMedianAndNearestRankPercentiles() {
        Stats s = Stats.of(List.of(5, 1, 4, 2, 3));
        assertEquals(3.0, s.median());
        assertEquals(1.0, s.min());
        assertEquals(5.0, s.max());
        assertEquals(2.5, Stats.of(List.of(4, 1, 2, 3)).median());
        Stats hundred = Stats.of(java.util.stream.IntStream.rangeClosed(1, 100).boxed().toList());
        assertEquals(50.0, hundred.percentile(50));
        assertEquals(99.0, hundred.percentile(99));
        assertEquals(100.0, hundred.percentile(100));
        assertThrows(IllegalArgumentException.class, () -> Stats.of(List.of()));
    }

    @Test
    void requestsAreCountedByResourceAsReadsOrWrites() {
        RequestCounter counter = new RequestCounter();
        counter.record("GET", URI.create("http://h/apis/kafka.strimzi.io/v1beta2/namespaces/bench/kafkaconnects/a"));
        counter.record("PATCH", URI.create("http://h/apis/kafka.strimzi.io/v1beta2/namespaces/bench/kafkaconnects/a/status"));
        counter.record("GET", URI.create("http://h/api/v1/namespaces/bench/pods?watch=true"));
        counter.record("PUT", URI.create("http://h/apis/apps/v1/namespaces/bench/deployments/a-connect"));
        counter.record("DELETE", URI.create("http://h/api/v1/namespaces/bench/pods/a-connect-build"));
        counter.record("GET", URI.create("http://h/version"));
        Map<String, RequestCounter.Count> counts = counter.snapshot();
        assertEquals(new RequestCounter.Count(1, 0), counts.get("kafkaconnects"));
        assertEquals(new RequestCounter.Count(0, 1), counts.get("kafkaconnects/status"));
        assertEquals(new RequestCounter.Count(1, 1), counts.get("pods"));
        assertEquals(new RequestCounter.Count(0, 1), counts.get("deployments"));
        assertEquals(new RequestCounter.Count(1, 0), counts.get("version"));
        assertEquals(6, counter.total());
        counter.reset();
        assertEquals(0, counter.total());
    }

    @Test
    void theHandWrittenDockerfileUsesTheGeneratedDirectoriesAndChecksEveryFile() {
        List<BuildBenchmark.Artifact> artifacts = List.of(
                new BuildBenchmark.Artifact("plugin-0", "http://127.0.0.1:1/a.jar", "a".repeat(128), null, "plugin-0.jar"),
                new BuildBenchmark.Artifact("plugin-1", "http://127.0.0.1:1/b.jar", "b".repeat(128), null, "plugin-1.jar"));
        String generated = "RUN set -e; \\\n    mkdir -p '" + ConnectDockerfile.PLUGINS_DIRECTORY + "/plugin-0/0123abcd'; \\\n"
                + "    mkdir -p '" + ConnectDockerfile.PLUGINS_DIRECTORY + "/plugin-1/89abcdef'\n";
        List<BuildBenchmark.Artifact> placed = BuildBenchmark.withDirectoriesOf(generated, artifacts);
        assertEquals("plugin-1/89abcdef", placed.get(1).directory());

        String dockerfile = BuildBenchmark.handWritten("127.0.0.1:5000/base:1", placed);
        assertTrue(dockerfile.startsWith("FROM 127.0.0.1:5000/base:1\nUSER root:root\nRUN set -e;"), dockerfile);
        assertTrue(dockerfile.contains("wget -q -O plugin-0/0123abcd/plugin-0.jar http://127.0.0.1:1/a.jar & p0=$!"), dockerfile);
        assertTrue(dockerfile.contains("wait $p0; wait $p1;"), dockerfile);
        assertTrue(dockerfile.contains("b".repeat(128) + " plugin-1/89abcdef/plugin-1.jar"), dockerfile);
        assertTrue(dockerfile.endsWith("| sha512sum -c -s -\nUSER 1001\n"), dockerfile);

        assertThrows(IllegalStateException.class, () -> BuildBenchmark.withDirectoriesOf("FROM x\n", artifacts));
    }
}
