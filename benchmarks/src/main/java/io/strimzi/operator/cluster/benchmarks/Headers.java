package io.strimzi.operator.cluster.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Writes the header of each result table, so that the benchmark runs can append rows. */
public final class Headers {
    private Headers() {
    }

    public static void main(String[] args) throws IOException {
        Path out = Path.of(args[0]);
        Files.createDirectories(out);
        Files.writeString(out.resolve("generation.md"), GenerationBenchmark.header() + "\n");
        Files.writeString(out.resolve("steady-state.md"), SteadyStateBenchmark.header() + "\n");
        Files.writeString(out.resolve("reaction.md"), ReactionBenchmark.header() + "\n");
        Files.writeString(out.resolve("build.md"), BuildBenchmark.header() + "\n");
        Files.writeString(out.resolve("layer-build.md"), LayerBuildBenchmark.header() + "\n");
        Files.writeString(out.resolve("startup.md"), StartupBenchmark.header() + "\n");
        Files.writeString(out.resolve("burst.md"), BurstBenchmark.header() + "\n");
        Files.writeString(out.resolve("soak.md"), SoakBenchmark.header() + "\n");
    }
}
