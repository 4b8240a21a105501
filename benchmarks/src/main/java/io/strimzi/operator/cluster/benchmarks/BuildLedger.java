package io.strimzi.operator.cluster.benchmarks;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Which builds the load benchmarks asked for (a KafkaConnect created or its plugins changed: one revision each) and
 * which build Pods the operator made (by KafkaConnect and revision), so that "every change built exactly once" is
 * checked build by build.
 */
final class BuildLedger {
    private final Map<String, Map<String, AtomicInteger>> expected = new ConcurrentHashMap<>();
    private final Map<String, Map<String, AtomicInteger>> built = new ConcurrentHashMap<>();

    /** The harness created or changed this KafkaConnect; its new revision should be built once. */
    void expect(String connect, String revision) {
        count(expected, connect, revision);
    }

    /** A build Pod of this KafkaConnect and revision appeared. */
    void built(String connect, String revision) {
        count(built, connect, revision);
    }

    int builds() {
        return built.values().stream().flatMap(m -> m.values().stream()).mapToInt(AtomicInteger::get).sum();
    }

    /** Every way the builds differ from "each expected revision built exactly once, nothing else built"; empty when right. */
    List<String> problems() {
        List<String> problems = new ArrayList<>();
        Map<String, Map<String, AtomicInteger>> names = new TreeMap<>(expected);
        built.forEach(names::putIfAbsent);
        for (String connect : names.keySet()) {
            Map<String, AtomicInteger> want = expected.getOrDefault(connect, Map.of());
            Map<String, AtomicInteger> got = built.getOrDefault(connect, Map.of());
            for (String revision : new TreeMap<>(want).keySet()) {
                int n = got.containsKey(revision) ? got.get(revision).get() : 0;
                if (n != 1) {
                    problems.add(connect + " revision " + revision + " built " + n + " times");
                }
            }
            for (String revision : new TreeMap<>(got).keySet()) {
                if (!want.containsKey(revision)) {
                    problems.add(connect + " revision " + revision + " built " + got.get(revision).get() + " times, never asked for");
                }
            }
        }
        return problems;
    }

    private static void count(Map<String, Map<String, AtomicInteger>> map, String connect, String revision) {
        map.computeIfAbsent(connect, k -> new ConcurrentHashMap<>()).computeIfAbsent(revision, k -> new AtomicInteger()).incrementAndGet();
    }
}
