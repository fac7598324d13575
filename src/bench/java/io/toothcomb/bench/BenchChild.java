package io.toothcomb.bench;

import io.toothcomb.rules.RuleEngine;
import io.toothcomb.scrub.ScrubOptions;
import io.toothcomb.scrub.ScrubSummary;
import io.toothcomb.scrub.Scrubber;
import io.xlate.edi.stream.EDIInputFactory;
import io.xlate.edi.stream.EDIStreamEvent;
import io.xlate.edi.stream.EDIStreamReader;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import com.sun.management.GarbageCollectionNotificationInfo;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import javax.management.NotificationEmitter;
import javax.management.openmbean.CompositeData;
import java.util.stream.Stream;

/**
 * One measurement in a fresh JVM, started by {@link Bench}:
 * {@code BenchChild <toothcomb|staedi> <file> <warm-up file or -> <out dir> <repeat>}.
 *
 * <p>Runs the tool once, untimed, on the warm-up file (JIT and class loading), clears the output folder, runs a
 * full GC, resets the peak usage of every memory pool and (where the kernel allows) the process's peak RSS, then
 * times {@code repeat} runs on {@code file} and prints one {@code RESULT k=v ...} line on stdout: the median wall
 * time, peak heap (sum over heap pools of each pool's peak since the reset), old-generation peak, VmHWM, and the
 * counts the tool saw. Out of memory ends the JVM (the parent passes {@code -XX:+ExitOnOutOfMemoryError}) and the
 * parent reports it.
 */
public final class BenchChild {

    private BenchChild() {
    }

    /** What one run saw. */
    record Counts(long segments, long claims, long outputBytes) {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 5) {
            System.err.println("usage: BenchChild <toothcomb|staedi> <file> <warm-up file|-> <out dir> <repeat>");
            System.exit(2);
        }
        String tool = args[0];
        Path file = Path.of(args[1]);
        Path warm = "-".equals(args[2]) ? null : Path.of(args[2]);
        Path out = Path.of(args[3]);
        int repeat = Integer.parseInt(args[4]);

        if (warm != null) {
            run(tool, warm, out);
            clear(out);
        }
        System.gc();
        for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
            p.resetPeakUsage();
        }
        boolean rssReset = resetPeakRss();
        AtomicLong liveAfterFullGc = new AtomicLong(-1);
        AtomicLong fullGcs = new AtomicLong();
        watchFullGcs(liveAfterFullGc, fullGcs);
        long gcCount0 = gcCount();
        long gcMillis0 = gcMillis();

        long[] walls = new long[repeat];
        Counts counts = null;
        for (int i = 0; i < repeat; i++) {
            long t0 = System.nanoTime();
            counts = run(tool, file, out);
            walls[i] = System.nanoTime() - t0;
            if (i + 1 < repeat) {
                clear(out);
            }
        }
        Arrays.sort(walls);
        Thread.sleep(300); // GC notifications arrive on another thread

        long heapPeak = 0;
        long oldPeak = 0;
        for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
            if (p.getType() == MemoryType.HEAP) {
                long used = p.getPeakUsage().getUsed();
                heapPeak += used;
                String n = p.getName();
                if (n.contains("Old") || n.contains("Tenured")) {
                    oldPeak += used;
                }
            }
        }
        Map<String, String> r = new LinkedHashMap<>();
        r.put("status", "ok");
        r.put("tool", tool);
        r.put("wallNanos", Long.toString(walls[walls.length / 2]));
        r.put("minWallNanos", Long.toString(walls[0]));
        r.put("segments", Long.toString(counts.segments()));
        r.put("claims", Long.toString(counts.claims()));
        r.put("outputBytes", Long.toString(counts.outputBytes()));
        r.put("heapPeakBytes", Long.toString(heapPeak));
        r.put("oldPeakBytes", Long.toString(oldPeak));
        r.put("liveAfterFullGcBytes", Long.toString(liveAfterFullGc.get()));
        r.put("fullGcs", Long.toString(fullGcs.get()));
        r.put("maxHeapBytes", Long.toString(Runtime.getRuntime().maxMemory()));
        r.put("rssPeakKb", Long.toString(procStatusKb("VmHWM")));
        r.put("rssReset", Boolean.toString(rssReset));
        r.put("gcCount", Long.toString(gcCount() - gcCount0));
        r.put("gcMillis", Long.toString(gcMillis() - gcMillis0));
        System.out.println(Bench.formatResult(r));
        System.out.flush();
        clear(out);
        System.exit(0);
    }

    static Counts run(String tool, Path file, Path out) throws IOException {
        return switch (tool) {
            case "toothcomb" -> toothcomb(file, out);
            case "staedi" -> staedi(file);
            default -> throw new IllegalArgumentException("unknown tool: " + tool);
        };
    }

    /** The full scrub with every default output, as {@code toothcomb scrub FILE --out OUT} does. */
    static Counts toothcomb(Path file, Path out) throws IOException {
        Files.createDirectories(out);
        ScrubSummary s = new Scrubber(RuleEngine.load(null), ScrubOptions.defaults()).scrub(file, out);
        long bytes;
        try (Stream<Path> files = Files.list(out)) {
            bytes = files.mapToLong(p -> p.toFile().length()).sum();
        }
        return new Counts(s.segments(), s.claims(), bytes);
    }

    /** StAEDI's plain streaming read: no schema set, every event pulled, segments counted. */
    static Counts staedi(Path file) throws IOException {
        EDIInputFactory factory = EDIInputFactory.newFactory();
        long segments = 0;
        long claims = 0;
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
             EDIStreamReader reader = factory.createEDIStreamReader(in)) {
            while (reader.hasNext()) {
                if (reader.next() == EDIStreamEvent.START_SEGMENT) {
                    segments++;
                    // One cheap look at the tag so the claim count can be cross-checked against toothcomb's.
                    if ("CLM".equals(reader.getText())) {
                        claims++;
                    }
                }
            }
        } catch (Exception e) {
            if (e instanceof IOException io) {
                throw io;
            }
            throw new IOException("StAEDI: " + e, e);
        }
        return new Counts(segments, claims, 0);
    }

    private static void clear(Path out) throws IOException {
        if (!Files.isDirectory(out)) {
            return;
        }
        try (Stream<Path> files = Files.walk(out)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                if (!p.equals(out)) {
                    Files.deleteIfExists(p);
                }
            }
        }
    }

    /** Linux: writing 5 to clear_refs resets VmHWM to the current RSS. */
    private static boolean resetPeakRss() {
        try {
            Files.writeString(Path.of("/proc/self/clear_refs"), "5");
            return true;
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    static long procStatusKb(String key) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith(key + ":")) {
                    return Long.parseLong(line.substring(key.length() + 1).replace("kB", "").trim());
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux
        }
        return -1;
    }

    /**
     * Tracks the largest heap in use right after a full (major) GC: the live set, the number that shows whether
     * memory stays flat in the file size. The pool peaks above include garbage not yet collected.
     */
    private static void watchFullGcs(AtomicLong maxLive, AtomicLong count) {
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            if (!(gc instanceof NotificationEmitter emitter)) {
                continue;
            }
            emitter.addNotificationListener((n, hb) -> {
                if (!GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(n.getType())) {
                    return;
                }
                GarbageCollectionNotificationInfo info =
                        GarbageCollectionNotificationInfo.from((CompositeData) n.getUserData());
                if (!info.getGcAction().contains("major")) {
                    return;
                }
                count.incrementAndGet();
                long used = 0;
                for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
                    var after = info.getGcInfo().getMemoryUsageAfterGc().get(p.getName());
                    if (p.getType() == MemoryType.HEAP && after != null) {
                        used += after.getUsed();
                    }
                }
                long u = used;
                maxLive.accumulateAndGet(u, Math::max);
            }, null, null);
        }
    }

    private static long gcCount() {
        return ManagementFactory.getGarbageCollectorMXBeans().stream()
                .mapToLong(GarbageCollectorMXBean::getCollectionCount).sum();
    }

    private static long gcMillis() {
        return ManagementFactory.getGarbageCollectorMXBeans().stream()
                .mapToLong(GarbageCollectorMXBean::getCollectionTime).sum();
    }
}
