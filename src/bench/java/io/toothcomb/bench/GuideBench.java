package io.toothcomb.bench;

import io.toothcomb.guide.Guide;
import io.toothcomb.guide.GuideReport;
import io.toothcomb.guide.GuideValidator;
import io.toothcomb.reader.Segment;
import io.toothcomb.reader.SegmentKinds;
import io.toothcomb.reader.X12Reader;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * What the 837D guide validator costs by itself: reads a file with the fast reader, once without and once with
 * every transaction set checked by {@link GuideValidator}, several rounds each in one warm JVM, and prints the CPU
 * time of the calling thread for each (the median of the rounds) and the difference per segment. A tool for work on
 * the validator's speed (docs/benchmark.md, round eight); the full scrub is measured by {@code ./bench}.
 *
 * <pre>
 * ./bench 1M --only toothcomb            # makes target/bench/claims-1000000-seed-7.edi if missing
 * java -cp "target/bench/build/classes:target/bench/build/test-classes:$(cat target/bench/build/bench-classpath.txt)" \
 *     io.toothcomb.bench.GuideBench target/bench/claims-1000000-seed-7.edi
 * </pre>
 */
public final class GuideBench {
    private GuideBench() {
    }

    public static void main(String[] args) throws IOException, io.toothcomb.reader.X12Exception {
        if (args.length < 1) {
            System.err.println("usage: GuideBench FILE [ROUNDS]");
            System.exit(2);
        }
        Path file = Path.of(args[0]);
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        long[] read = new long[rounds];
        long[] checked = new long[rounds];
        long segments = 0;
        for (int r = 0; r < rounds; r++) {
            read[r] = run(file, false);
            checked[r] = run(file, true);
        }
        segments = count(file);
        java.util.Arrays.sort(read);
        java.util.Arrays.sort(checked);
        long a = read[rounds / 2];
        long b = checked[rounds / 2];
        System.out.printf("GUIDE-BENCH %s: %,d segments; reading %.3f s, reading and checking %.3f s (CPU of one "
                + "thread, median of %d); the guide validator %.3f s, %.1f ns a segment%n", file.getFileName(),
                segments, a / 1e9, b / 1e9, rounds, (b - a) / 1e9, (b - a) / (double) segments);
    }

    private static final GuideReport NONE = new GuideReport() {
        @Override
        public void segmentError(Segment at, String segmentId, String loopId, String code, String message) {
        }

        @Override
        public void elementError(Segment s, String loopId, int element, int component, String ref, String code,
                                 String bad, String message) {
        }
    };

    /** CPU nanoseconds of this thread to read the file, checking each set when {@code check}. */
    private static long run(Path file, boolean check) throws IOException, io.toothcomb.reader.X12Exception {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        SegmentKinds kinds = new SegmentKinds(Map.of());
        GuideValidator v = new GuideValidator(Guide.dental837());
        long t0 = threads.getCurrentThreadCpuTime();
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
            X12Reader r = new X12Reader(in, file.getFileName().toString());
            Segment s;
            while ((s = r.next()) != null) {
                if (!check) {
                    continue;
                }
                switch (kinds.kind(s)) {
                    case SegmentKinds.ST -> v.start(s, NONE);
                    case SegmentKinds.SE -> v.end(s, NONE);
                    case SegmentKinds.ISA, SegmentKinds.GS, SegmentKinds.GE, SegmentKinds.IEA -> {
                    }
                    default -> v.segment(s, NONE);
                }
            }
        }
        return threads.getCurrentThreadCpuTime() - t0;
    }

    private static long count(Path file) throws IOException, io.toothcomb.reader.X12Exception {
        long n = 0;
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
            X12Reader r = new X12Reader(in, file.getFileName().toString());
            while (r.next() != null) {
                n++;
            }
        }
        return n;
    }
}
