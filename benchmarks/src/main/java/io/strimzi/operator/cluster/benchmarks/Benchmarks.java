package io.strimzi.operator.cluster.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.List;

/**
 * Entry point: `java -jar benchmarks/target/benchmarks.jar BENCHMARK [ARGS] --out DIR`. Each benchmark writes its
 * result table to DIR/BENCHMARK.md (appending) and prints it; `run.sh` runs them all.
 */
public final class Benchmarks {
    private Benchmarks() {
    }

    public static void main(String[] args) {
        try {
            runMain(args);
        } catch (Throwable e) {
            // Non-daemon threads (Vert.x, the fabric8 client) would keep a failed benchmark alive.
            e.printStackTrace();
            System.exit(1);
        }
    }

    private static void runMain(String[] args) throws Exception {
        if (args.length == 0) {
            usage();
            return;
        }
        if (args[0].equals("mock-server")) {
            MockApiServerProcess.serve();
            return;
        }
        List<String> rest = Arrays.asList(args).subList(1, args.length);
        Path out = Path.of(option(rest, "--out", "benchmarks/target/results")).toAbsolutePath();
        Files.createDirectories(out);
        switch (args[0]) {
            case "steady" -> {
                int n = Integer.parseInt(option(rest, "--n", "10"));
                int passes = Integer.parseInt(option(rest, "--passes", "5"));
                write(out, "steady-state", SteadyStateBenchmark.run(n, passes, option(rest, "--setup", "seed").equals("build"), out));
            }
            case "reaction" -> write(out, "reaction", ReactionBenchmark.run(
                    Integer.parseInt(option(rest, "--builds", "50")), Integer.parseInt(option(rest, "--warmup", "5")), out));
            case "generation" -> write(out, "generation", GenerationBenchmark.run(
                    Integer.parseInt(option(rest, "--plugins", "100")), Integer.parseInt(option(rest, "--rounds", "10"))));
            case "build" -> write(out, "build", BuildBenchmark.run(
                    Arrays.stream(option(rest, "--artifacts", "10,30").split(",")).mapToInt(Integer::parseInt).toArray(),
                    Integer.parseInt(option(rest, "--runs", "3")), option(rest, "--base", "busybox"), out));
            case "layer" -> write(out, "layer-build", LayerBuildBenchmark.run(
                    Arrays.stream(option(rest, "--artifacts", "10,30").split(",")).mapToInt(Integer::parseInt).toArray(),
                    Integer.parseInt(option(rest, "--runs", "5")), out));
            case "burst" -> write(out, "burst", BurstBenchmark.run(Integer.parseInt(option(rest, "--n", "500")), out));
            case "soak" -> write(out, "soak", SoakBenchmark.run(Integer.parseInt(option(rest, "--n", "200")),
                    Integer.parseInt(option(rest, "--minutes", "10")), Integer.parseInt(option(rest, "--changes-per-minute", "10")),
                    Integer.parseInt(option(rest, "--pass-seconds", "30")), out));
            case "startup" -> write(out, "startup", StartupBenchmark.run(Path.of(option(rest, "--jar",
                    "cluster-operator/target/cluster-operator.jar")), Integer.parseInt(option(rest, "--runs", "5")), out));
            default -> {
                usage();
                System.exit(2);
            }
        }
        System.exit(0);
    }

    private static void usage() {
        System.err.println("usage: Benchmarks steady --n N --passes P --setup seed|build | reaction --builds B --warmup W | generation --plugins P"
                + " | build --artifacts 10,30 --runs R --base busybox|kafka-shaped | layer --artifacts 10,30 --runs R | startup --jar JAR --runs R"
                + " | burst --n N | soak --n N --minutes M --changes-per-minute C --pass-seconds P   [--out DIR]");
    }

    static String option(List<String> args, String name, String defaultValue) {
        int i = args.indexOf(name);
        return i >= 0 && i + 1 < args.size() ? args.get(i + 1) : defaultValue;
    }

    private static void write(Path out, String name, List<String> lines) throws IOException {
        lines.forEach(System.out::println);
        Files.write(out.resolve(name + ".md"), lines, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }
}
