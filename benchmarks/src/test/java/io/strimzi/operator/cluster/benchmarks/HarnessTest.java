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

    @Test
    void requestsNamingAConnectsObjectsAreCountedForThatConnectAndWatchesApart() {
        assertEquals("connect-0007", RequestCounter.connectOf("/apis/kafka.strimzi.io/v1/namespaces/bench/kafkaconnects/connect-0007/status"));
        assertEquals("connect-0007", RequestCounter.connectOf("/api/v1/namespaces/bench/pods/connect-0007-connect-build"));
        assertEquals("connect-0123", RequestCounter.connectOf("/api/v1/namespaces/bench/events/connect-0123.17a2b3c4"));
        assertEquals(null, RequestCounter.connectOf("/api/v1/namespaces/bench/pods"));
        assertEquals(null, RequestCounter.connectOf("/apis/coordination.k8s.io/v1/namespaces/bench/leases/strimzi-cluster-operator"));
        assertEquals(null, RequestCounter.connectOf("/api/v1/namespaces/bench/configmaps/connect-00071"));
        assertEquals(null, RequestCounter.connectOf("/version"));

        RequestCounter counter = new RequestCounter();
        counter.record("GET", URI.create("http://h/api/v1/namespaces/bench/pods?labelSelector=a%3Db&watch=true"));
        counter.record("GET", URI.create("http://h/api/v1/namespaces/bench/pods?watch=true&resourceVersion=5"));
        counter.record("GET", URI.create("http://h/api/v1/namespaces/bench/pods?resourceVersion=5"));
        counter.record("PUT", URI.create("http://h/apis/apps/v1/namespaces/bench/deployments/connect-0002-connect"));
        counter.record("GET", URI.create("http://h/api/v1/namespaces/bench/configmaps/connect-0002-connect-config"));
        counter.reset();
        assertEquals(2, counter.watchesOpened());
        assertEquals(2, counter.requestsFor("connect-0002"));
        assertEquals(0, counter.requestsFor("connect-0003"));
    }

    @Test
    void theOperatorsConnectionsAreThisProcesssEstablishedSocketsToTheServerPort() {
        // 127.0.0.1:40000 -> 127.0.0.1:8443 (0x20FB) established, inode 111; the same to another port; one closing (06);
        // one of another process (inode 999).
        List<String> tcp = List.of(
                "  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode",
                "   0: 0100007F:9C40 0100007F:20FB 01 00000000:00000000 00:00000000 00000000     0        0 111 1 0 20 4 30 10 -1",
                "   1: 0100007F:9C41 0100007F:1F90 01 00000000:00000000 00:00000000 00000000     0        0 112 1 0 20 4 30 10 -1",
                "   2: 0100007F:9C42 0100007F:20FB 06 00000000:00000000 00:00000000 00000000     0        0 113 1 0 20 4 30 10 -1",
                "   3: 0100007F:9C43 0100007F:20FB 01 00000000:00000000 00:00000000 00000000     0        0 999 1 0 20 4 30 10 -1",
                "   4: 0000000000000000FFFF00000100007F:9C44 0000000000000000FFFF00000100007F:20FB 01 00000000:00000000 00:00000000 "
                        + "00000000     0        0 114 1 0 20 4 30 10 -1");
        assertEquals(2, OperatorProbe.established(tcp, java.util.Set.of(111L, 112L, 113L, 114L), 8443));
        assertEquals(1, OperatorProbe.established(tcp, java.util.Set.of(112L), 8080));
    }

    @Test
    void theLedgerNamesEveryRevisionNotBuiltExactlyOnce() {
        BuildLedger ledger = new BuildLedger();
        ledger.expect("connect-0000", "r1");
        ledger.expect("connect-0000", "r2");
        ledger.expect("connect-0001", "r1");
        ledger.built("connect-0000", "r1");
        ledger.built("connect-0000", "r2");
        ledger.built("connect-0001", "r1");
        assertEquals(List.of(), ledger.problems());
        assertEquals(3, ledger.builds());

        ledger.built("connect-0001", "r1");
        ledger.expect("connect-0002", "r1");
        ledger.built("connect-0003", "r9");
        assertEquals(List.of("connect-0001 revision r1 built 2 times", "connect-0002 revision r1 built 0 times",
                "connect-0003 revision r9 built 1 times, never asked for"), ledger.problems());
    }

    @Test
    void thePeakKeepsTheLargestOfEachFigure() {
        OperatorProbe.Sample peak = LoadHarness.PeakSampler.max(new OperatorProbe.Sample(10, 3, 7, 1), new OperatorProbe.Sample(5, 9, 2, 4));
        assertEquals(new OperatorProbe.Sample(10, 9, 7, 4), peak);
    }
}
