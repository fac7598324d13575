package io.toothcomb.spark;

import io.toothcomb.api.Toothcomb;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.apache.spark.sql.SparkSession;

/**
 * The Spark job's benchmark ({@code ./spark-scrub bench [files] [claims-per-file]}): claims per second and CPU per
 * claim of the command line ({@code toothcomb scrub}, all outputs), of the API's in-process report (no outputs),
 * and of the Spark job in local[1] and local[2] (four tables in Parquet, with the archive history), all on the
 * same generated files (the synthetic batch generator, seed 7, cached in target/spark-bench/).
 */
public final class SparkBench {
    private SparkBench() {
    }

    record Run(String what, long claims, double seconds, double cpuSeconds) {
        String row() {
            return String.format(Locale.ROOT, "%-34s %9d %9.2f %11.0f %12.1f", what, claims, seconds,
                    claims / seconds, cpuSeconds * 1e6 / claims);
        }
    }

    public static void main(String[] args) throws Exception {
        int files = args.length > 0 ? Integer.parseInt(args[0]) : 300;
        int perFile = args.length > 1 ? Integer.parseInt(args[1]) : 300;
        Path dir = Path.of("target/spark-bench/in-" + files + "x" + perFile);
        if (!Files.isDirectory(dir) || count(dir) != files) {
            Files.createDirectories(dir);
            for (int i = 0; i < files; i++) {
                // the generator (io.toothcomb.generate, not the public API): the benchmark's only other dependency
                io.toothcomb.generate.SyntheticBatch.write(perFile, 7 + i, dir.resolve(String.format(Locale.ROOT,
                        "batch-%04d.837", i)));
            }
        }
        long claims = (long) files * perFile;
        long bytes;
        try (Stream<Path> s = Files.list(dir)) {
            bytes = s.mapToLong(p -> p.toFile().length()).sum();
        }
        System.out.printf(Locale.ROOT, "spark-bench: %d files of %d claims (%.1f MB) in %s; %d cores; java %s%n",
                files, perFile, bytes / 1e6, dir, Runtime.getRuntime().availableProcessors(),
                System.getProperty("java.version"));
        List<Run> runs = new ArrayList<>();
        Path out = Path.of("target/spark-bench/out");
        // warm-up of the JIT for the in-process runs (not counted)
        cli(dir, out);
        runs.add(measure("toothcomb scrub (CLI, all outputs)", claims, () -> cli(dir, out)));
        Toothcomb tc = Toothcomb.builder().build();
        List<Path> list;
        try (Stream<Path> s = Files.list(dir)) {
            list = s.sorted().toList();
        }
        runs.add(measure("API report, one thread, no outputs", claims, () -> {
            for (Path p : list) {
                tc.report(p);
            }
        }));
        for (String master : List.of("local[1]", "local[2]")) {
            SparkSession spark = SparkSession.builder().master(master).appName("toothcomb-spark-bench")
                    .config("spark.ui.enabled", "false").config("spark.sql.shuffle.partitions", "8").getOrCreate();
            spark.sparkContext().setLogLevel("ERROR");
            try {
                SparkScrub.Options o = new SparkScrub.Options(dir.toString(), out.resolve("tables").toString(),
                        "parquet", new byte[32], true);
                SparkScrub.run(spark, o); // warm-up: the same job once, not counted
                runs.add(measure("Spark " + master + ", Parquet, history", claims, () -> SparkScrub.run(spark, o)));
            } finally {
                spark.stop();
            }
        }
        System.out.printf(Locale.ROOT, "%-34s %9s %9s %11s %12s%n", "run", "claims", "wall s", "claims/s",
                "CPU us/claim");
        runs.forEach(r -> System.out.println(r.row()));
        double one = runs.get(2).claims() / runs.get(2).seconds();
        double two = runs.get(3).claims() / runs.get(3).seconds();
        System.out.printf(Locale.ROOT, "scaling local[1] -> local[2]: x%.2f; Spark local[2] CPU per claim is x%.1f "
                + "the CLI's%n", two / one, runs.get(3).cpuSeconds() / runs.get(0).cpuSeconds());
    }

    interface Body {
        void run() throws Exception;
    }

    static Run measure(String what, long claims, Body body) throws Exception {
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        long cpu0 = os.getProcessCpuTime();
        long t0 = System.nanoTime();
        body.run();
        double secs = (System.nanoTime() - t0) / 1e9;
        return new Run(what, claims, secs, (os.getProcessCpuTime() - cpu0) / 1e9);
    }

    static void cli(Path dir, Path out) throws IOException {
        Path o = out.resolve("cli");
        if (Files.isDirectory(o)) {
            try (Stream<Path> s = Files.walk(o)) {
                for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
        var quiet = new java.io.PrintStream(java.io.OutputStream.nullOutputStream());
        var stdout = System.out;
        System.setOut(quiet);
        try {
            // the command line in this JVM (io.toothcomb.cli.Main: the benchmark's reference, not the job's)
            io.toothcomb.cli.Main.run("scrub", "-q", "--out", o.toString(), dir.toString());
        } finally {
            System.setOut(stdout);
        }
    }

    private static long count(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.count();
        }
    }
}
