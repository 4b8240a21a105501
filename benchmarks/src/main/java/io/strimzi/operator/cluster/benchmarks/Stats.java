package io.strimzi.operator.cluster.benchmarks;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/** Summary figures of a sample: median, spread and percentiles (nearest-rank). */
record Stats(List<Double> sorted) {
    static Stats of(List<? extends Number> values) {
        if (values.isEmpty()) {
            throw new IllegalArgumentException("no values");
        }
        List<Double> copy = new ArrayList<>();
        values.forEach(v -> copy.add(v.doubleValue()));
        Collections.sort(copy);
        return new Stats(List.copyOf(copy));
    }

    int count() {
        return sorted.size();
    }

    double min() {
        return sorted.get(0);
    }

    double max() {
        return sorted.get(sorted.size() - 1);
    }

    double median() {
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    /** The nearest-rank percentile: the smallest value with at least p % of the sample at or below it. */
    double percentile(double p) {
        if (p <= 0 || p > 100) {
            throw new IllegalArgumentException("percentile must be in (0, 100]: " + p);
        }
        int rank = (int) Math.ceil(p / 100.0 * sorted.size());
        return sorted.get(Math.max(rank, 1) - 1);
    }

    /** "median (min–max, n=…)" with the given number of decimals. */
    String describe(int decimals) {
        String f = "%." + decimals + "f";
        return String.format(Locale.ROOT, f + " (" + f + "–" + f + ", n=%d)", median(), min(), max(), count());
    }
}
