package io.toothcomb.bench;

import io.toothcomb.loader.ClaimLoader;
import io.toothcomb.loader.ClaimUnit;
import io.toothcomb.loader.LoadHandler;
import io.toothcomb.loader.LoadMode;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;

/**
 * The loader by itself: reads a file into claims (the reader, the guide's checks, the model) many times in one JVM
 * and prints the least and the median CPU time of a round on the calling thread. The least of many rounds
 * hardly moves when the machine is busy, where the full scrub's wall time does; run it once as is and once with
 * {@code -Dtoothcomb.measure.noGuideChecks=true}, alternating, for what the guide checks cost the loader
 * (docs/benchmark.md, round thirteen).
 *
 * <pre>
 * ./bench 10k --only toothcomb --repeat 1        # makes target/bench/claims-10000-seed-7.edi if missing
 * java -Xmx256m -cp "target/bench/build/classes:target/bench/build/test-classes:$(cat target/bench/build/bench-classpath.txt)" \
 *     io.toothcomb.bench.LoaderBench target/bench/claims-10000-seed-7.edi 80
 * </pre>
 */
public final class LoaderBench {
    private LoaderBench() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length < 1) {
            System.err.println("usage: LoaderBench FILE [ROUNDS]");
            System.exit(2);
        }
        Path file = Path.of(args[0]);
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 80;
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long[] claims = new long[1];
        LoadHandler count = new LoadHandler() {
            @Override
            public void claim(ClaimUnit unit) {
                claims[0]++;
            }
        };
        long[] cpu = new long[rounds];
        for (int r = 0; r < rounds; r++) {
            claims[0] = 0;
            long t0 = threads.getCurrentThreadCpuTime();
            ClaimLoader.load(file, LoadMode.CLAIMS, count);
            cpu[r] = threads.getCurrentThreadCpuTime() - t0;
        }
        java.util.Arrays.sort(cpu);
        System.out.printf("LOADER-BENCH %s: %,d claims, guide checks %s; CPU of one thread per round, the least of %d "
                + "rounds %.2f ms, the median %.2f ms%n", file.getFileName(), claims[0],
                Boolean.getBoolean("toothcomb.measure.noGuideChecks") ? "off" : "on", rounds, cpu[0] / 1e6,
                cpu[rounds / 2] / 1e6);
    }
}
