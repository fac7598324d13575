package io.toothcomb.bench;

import com.sun.management.GarbageCollectionNotificationInfo;
import io.toothcomb.generate.SyntheticBatch;
import io.toothcomb.result.Output;
import io.toothcomb.result.ScrubOptions;
import io.toothcomb.result.ScrubSummary;
import io.toothcomb.rules.engine.RuleEngine;
import io.toothcomb.scrub.Scrubber;
import io.toothcomb.watch.WatchConfig;
import io.toothcomb.watch.Watcher;
import io.xlate.edi.stream.EDIInputFactory;
import io.xlate.edi.stream.EDIStreamEvent;
import io.xlate.edi.stream.EDIStreamReader;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.management.NotificationEmitter;
import javax.management.openmbean.CompositeData;

/**
 * One measurement in a fresh JVM, started by {@link Bench}:
 * {@code BenchChild <toothcomb|toothcomb-history|staedi> <file> <warm-up file or -> <out dir> <repeat>}, or the watcher's latency:
 * {@code BenchChild watch <h2|none> <files> <warm-up files> <work dir>} (see {@link #watch}).
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
            System.err.println("usage: BenchChild <toothcomb|toothcomb-history|staedi> <file> <warm-up file|-> <out dir> <repeat>\n"
                    + "       BenchChild watch <h2|none> <files> <warm-up files> <work dir>");
            System.exit(2);
        }
        if (WATCH.equals(args[0])) {
            watch(args[1], Integer.parseInt(args[2]), Integer.parseInt(args[3]), Path.of(args[4]));
            System.exit(0);
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
        ThreadCpu cpu = new ThreadCpu();
        for (int i = 0; i < repeat; i++) {
            long t0 = System.nanoTime();
            counts = run(tool, file, out);
            walls[i] = System.nanoTime() - t0;
            System.err.printf("bench: %s run %d of %d: %.3f s%n", tool, i + 1, repeat, walls[i] / 1e9);
            if (i + 1 < repeat) {
                clear(out);
            }
        }
        String cpuByThread = cpu.stop(repeat);
        long firstWall = walls[0];
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
        r.put("firstWallNanos", Long.toString(firstWall));
        r.put("segments", Long.toString(counts.segments()));
        r.put("claims", Long.toString(counts.claims()));
        r.put("outputBytes", Long.toString(counts.outputBytes()));
        r.put("historyBytes", Long.toString(historyBytes));
        r.put("heapPeakBytes", Long.toString(heapPeak));
        r.put("oldPeakBytes", Long.toString(oldPeak));
        r.put("liveAfterFullGcBytes", Long.toString(liveAfterFullGc.get()));
        r.put("fullGcs", Long.toString(fullGcs.get()));
        r.put("maxHeapBytes", Long.toString(Runtime.getRuntime().maxMemory()));
        r.put("rssPeakKb", Long.toString(procStatusKb("VmHWM")));
        r.put("rssReset", Boolean.toString(rssReset));
        r.put("gcCount", Long.toString(gcCount() - gcCount0));
        r.put("gcMillis", Long.toString(gcMillis() - gcMillis0));
        r.put("cpu", cpuByThread);
        System.out.println(Bench.formatResult(r));
        System.out.flush();
        clear(out);
        System.exit(0);
    }

    static Counts run(String tool, Path file, Path out) throws IOException {
        return switch (tool) {
            case "toothcomb" -> toothcomb(file, out);
            case "toothcomb-history" -> toothcombWithHistory(file, out);
            case "staedi" -> staedi(file);
            default -> throw new IllegalArgumentException("unknown tool: " + tool);
        };
    }

    /** The full scrub with every default output, as {@code toothcomb scrub FILE --out OUT} does. */
    static Counts toothcomb(Path file, Path out) throws IOException {
        Files.createDirectories(out);
        ScrubOptions options = ScrubOptions.defaults();
        String only = System.getenv("TC_BENCH_OUTPUTS"); // investigation only: a subset of the outputs
        if (only != null) {
            java.util.Set<Output> set = java.util.EnumSet.noneOf(Output.class);
            for (String o : only.split(",")) {
                if (!o.isBlank()) {
                    set.add(Output.valueOf(o.trim()));
                }
            }
            options = options.withOutputs(set);
        }
        ScrubSummary s = new Scrubber(RuleEngine.load(null), options).scrub(file, out);
        long bytes;
        try (Stream<Path> files = Files.list(out)) {
            bytes = files.mapToLong(p -> p.toFile().length()).sum();
        }
        return new Counts(s.segments(), s.claims(), bytes);
    }

    /** Size of the history database after the last {@code toothcomb-history} run (-1 for the other tools). */
    static long historyBytes = -1;

    /**
     * The full scrub with every default output and a claim history, as {@code toothcomb scrub FILE --out OUT
     * --history DIR} does: each run starts from an empty embedded H2 database beside the outputs, records the
     * file's accepted claims and closes it; the database's size on disk afterwards is reported.
     */
    static Counts toothcombWithHistory(Path file, Path out) throws IOException {
        Files.createDirectories(out);
        Path db = out.resolveSibling(out.getFileName() + "-history-db");
        clearTree(db);
        RuleEngine engine = RuleEngine.load(null);
        ScrubSummary s;
        try (io.toothcomb.history.HistoryScrub h = io.toothcomb.history.HistoryScrub.open(db.toString(), engine)) {
            s = h.scrub(new Scrubber(engine, h.numbered(ScrubOptions.defaults())), file, out);
        }
        try (Stream<Path> files = Files.walk(db)) {
            historyBytes = files.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
        }
        long bytes;
        try (Stream<Path> files = Files.list(out)) {
            bytes = files.mapToLong(p -> p.toFile().length()).sum();
        }
        return new Counts(s.segments(), s.claims(), bytes);
    }

    private static void clearTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
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

    // ---------------------------------------------------------------- watcher latency

    static final String WATCH = "watch";
    /** {@code toothcomb watch}'s default settle time: it does not apply to a renamed-in file, kept as users get it. */
    static final long WATCH_SETTLE_MS = 2000;
    /** Pause after a file is archived before the next one is written, so each file meets an idle watcher. */
    static final long WATCH_GAP_MS = 20;
    private static final long WATCH_FILE_TIMEOUT_NANOS = TimeUnit.SECONDS.toNanos(60);
    /** The watcher ends its INFO line for a file with the time from taking it to archiving it: "(12.3 ms)". */
    private static final Pattern WATCHER_MS = Pattern.compile("\\((\\d+(?:\\.\\d+)?) ms\\)$");
    private static final byte[] CLM_TC = "CLM*TC".getBytes(StandardCharsets.US_ASCII);

    /**
     * The watcher's latency (issue 5: "a one-claim file is answered in under 20 ms after it is complete").
     * Starts a {@link Watcher} as {@code toothcomb watch} does by default (settle 2000 ms, one thread per core, the
     * rule packs of {@code RuleEngine.load(null)}, every default output; with {@code h2} the embedded H2 history
     * in {@code work/data}, with {@code none} no history) on fresh folders under {@code work}, then drops
     * {@code warmup + files} one-claim files one at a time the safe way (write {@code .NAME.tmp} in the inbox,
     * rename it to {@code NAME.edi}). The clock starts just before the rename; it stops for "outputs" when the
     * last of the five default outputs appears in {@code out/} and for "archived" when the input appears in
     * {@code archive/} (both seen through a watch service on those folders). The next file is written once the
     * watcher counts the file finished, plus {@link #WATCH_GAP_MS}. The first {@code warmup} files are not counted.
     */
    static void watch(String history, int files, int warmup, Path work) throws Exception {
        boolean withHistory = switch (history) {
            case "h2" -> true;
            case "none" -> false;
            default -> throw new IllegalArgumentException("history must be h2 or none: " + history);
        };
        if (files < 1 || warmup < 0) {
            throw new IllegalArgumentException("files must be at least 1 and warm-up files not negative");
        }
        clear(work);
        Path inbox = work.resolve("inbox");
        Path out = work.resolve("out");
        Path archive = work.resolve("archive");
        Path error = work.resolve("error");
        Path data = work.resolve("data");
        int threads = Runtime.getRuntime().availableProcessors();
        WatchConfig config = new WatchConfig(inbox, out, archive, error, WATCH_SETTLE_MS, threads,
                withHistory ? data.toString() : null);

        // One-claim files made up front: distinct ISA13 (or the watcher answers a duplicate interchange with a
        // TA1) and distinct CLM01 (the generator numbers claims from 1 in every file).
        int total = warmup + files;
        List<byte[]> inputs = new ArrayList<>(total);
        Set<String> controls = new HashSet<>();
        for (long seed = 1; inputs.size() < total; seed++) {
            ByteArrayOutputStream b = new ByteArrayOutputStream(4096);
            SyntheticBatch.write(1, seed, b);
            byte[] edi = b.toByteArray();
            if (controls.add(isa13(edi))) {
                setClaimId(edi, inputs.size() + 1);
                inputs.add(edi);
            }
        }

        // The watcher's own figure per file (taking it to archived), read off its INFO line.
        Map<String, Double> own = new ConcurrentHashMap<>();
        Logger watchLog = Logger.getLogger("io.toothcomb.watch");
        Handler grab = new Handler() {
            @Override
            public void publish(LogRecord r) {
                String m = r.getMessage();
                int colon = m == null ? -1 : m.indexOf(": ");
                if (colon > 0) {
                    Matcher x = WATCHER_MS.matcher(m);
                    if (x.find()) {
                        own.put(m.substring(0, colon), Double.parseDouble(x.group(1)));
                    }
                }
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        watchLog.addHandler(grab);

        long s0 = System.nanoTime();
        Watcher watcher = new Watcher(config, RuleEngine.load(null), ScrubOptions.defaults());
        watcher.start();
        long startNanos = System.nanoTime() - s0;
        long[] outNs = new long[files];
        long[] archNs = new long[files];
        List<String> counted = new ArrayList<>();
        long gcCount0 = -1;
        long gcMillis0 = -1;
        try (WatchService ws = work.getFileSystem().newWatchService()) {
            for (Path d : List.of(out, archive, error)) {
                d.register(ws, StandardWatchEventKinds.ENTRY_CREATE);
            }
            for (int i = 0; i < total; i++) {
                String name = String.format(java.util.Locale.ROOT, "claim-%04d.edi", i + 1);
                if (i == warmup) {
                    gcCount0 = gcCount();
                    gcMillis0 = gcMillis();
                }
                long[] t = drop(ws, inputs.get(i), name, inbox, out, archive, error);
                awaitFinished(watcher, i + 1, name);
                if (i >= warmup) {
                    outNs[i - warmup] = t[0];
                    archNs[i - warmup] = t[1];
                    counted.add(name);
                }
                Thread.sleep(WATCH_GAP_MS);
            }
        } finally {
            watcher.stop();
            watchLog.removeHandler(grab);
        }
        long gcs = gcCount() - gcCount0;
        long gcMs = gcMillis() - gcMillis0;
        // pick-up: from the rename to the watcher taking the file = archived - the watcher's own time
        long[] ownNs = new long[counted.size()];
        long[] pickNs = new long[counted.size()];
        int withOwn = 0;
        for (int i = 0; i < counted.size(); i++) {
            Double o = own.get(counted.get(i));
            if (o != null) {
                ownNs[withOwn] = Math.round(o * 1e6);
                pickNs[withOwn] = Math.max(0, archNs[i] - ownNs[withOwn]);
                withOwn++;
            }
        }
        ownNs = Arrays.copyOf(ownNs, withOwn);
        pickNs = Arrays.copyOf(pickNs, withOwn);
        // one line per counted file, for a look at the outliers (the parent reads only the RESULT line)
        long slowPickups = 0;
        for (int i = 0; i < counted.size(); i++) {
            Double o = own.get(counted.get(i));
            System.out.printf(java.util.Locale.ROOT, "FILE %s outputs %.2f ms archived %.2f ms watcher's own %s ms%n",
                    counted.get(i), outNs[i] / 1e6, archNs[i] / 1e6, o == null ? "n/a" : o.toString());
            if (o != null && archNs[i] / 1e6 - o >= WATCH_SETTLE_MS) {
                slowPickups++;
            }
        }
        try (Stream<Path> s = Files.list(error)) {
            if (s.findAny().isPresent()) {
                throw new IOException("files went to " + error);
            }
        }

        Arrays.sort(outNs);
        Arrays.sort(archNs);
        Arrays.sort(ownNs);
        Arrays.sort(pickNs);
        long limit = TimeUnit.MILLISECONDS.toNanos(Bench.WATCH_TARGET_MS);
        Map<String, String> r = new LinkedHashMap<>();
        r.put("status", "ok");
        r.put("tool", WATCH);
        r.put("history", history);
        r.put("files", Integer.toString(files));
        r.put("warmup", Integer.toString(warmup));
        r.put("threads", Integer.toString(threads));
        r.put("settleMs", Long.toString(WATCH_SETTLE_MS));
        r.put("startNanos", Long.toString(startNanos));
        r.put("outP50Nanos", Long.toString(Bench.percentile(outNs, 0.50)));
        r.put("outP95Nanos", Long.toString(Bench.percentile(outNs, 0.95)));
        r.put("outMaxNanos", Long.toString(outNs[outNs.length - 1]));
        r.put("outOver", Long.toString(Arrays.stream(outNs).filter(v -> v >= limit).count()));
        r.put("archP50Nanos", Long.toString(Bench.percentile(archNs, 0.50)));
        r.put("archP95Nanos", Long.toString(Bench.percentile(archNs, 0.95)));
        r.put("archMaxNanos", Long.toString(archNs[archNs.length - 1]));
        r.put("archOver", Long.toString(Arrays.stream(archNs).filter(v -> v >= limit).count()));
        r.put("ownP50Nanos", Long.toString(ownNs.length == 0 ? -1 : Bench.percentile(ownNs, 0.50)));
        r.put("ownP95Nanos", Long.toString(ownNs.length == 0 ? -1 : Bench.percentile(ownNs, 0.95)));
        r.put("ownMaxNanos", Long.toString(ownNs.length == 0 ? -1 : ownNs[ownNs.length - 1]));
        r.put("pickP50Nanos", Long.toString(pickNs.length == 0 ? -1 : Bench.percentile(pickNs, 0.50)));
        r.put("pickP95Nanos", Long.toString(pickNs.length == 0 ? -1 : Bench.percentile(pickNs, 0.95)));
        r.put("slowPickups", Long.toString(slowPickups));
        r.put("gcCount", Long.toString(gcs));
        r.put("gcMillis", Long.toString(gcMs));
        r.put("fileBytes", Integer.toString(inputs.get(warmup).length));
        r.put("fs", fsType(work));
        System.out.println(Bench.formatResult(r));
        System.out.flush();
        clear(work);
    }

    /**
     * Writes {@code .NAME.tmp} in the inbox, renames it to {@code NAME} and waits for its outputs and its move to
     * {@code archive/}; returns both times in nanoseconds from just before the rename.
     */
    static long[] drop(WatchService ws, byte[] edi, String name, Path inbox, Path out, Path archive, Path error)
            throws IOException, InterruptedException {
        Path tmp = inbox.resolve("." + name + ".tmp");
        Files.write(tmp, edi);
        Set<String> want = new HashSet<>();
        for (Output o : Output.defaults()) {
            want.add(o.fileName(name));
        }
        String ta1 = Output.baseName(name) + ".ta1";
        long t0 = System.nanoTime();
        Files.move(tmp, inbox.resolve(name), StandardCopyOption.ATOMIC_MOVE);
        long outAt = -1;
        long archAt = -1;
        while (outAt < 0 || archAt < 0) {
            WatchKey key = ws.poll(5, TimeUnit.MILLISECONDS);
            long now = System.nanoTime();
            boolean recheck = key == null; // fallback in case an event was missed
            Set<String> arrived = new HashSet<>();
            for (; key != null; key = ws.poll()) {
                Path dir = (Path) key.watchable();
                for (WatchEvent<?> ev : key.pollEvents()) {
                    if (ev.kind() == StandardWatchEventKinds.OVERFLOW) {
                        recheck = true;
                        continue;
                    }
                    String n = ev.context().toString();
                    if (dir.equals(out)) {
                        want.remove(n);
                        if (n.equals(ta1)) {
                            throw new IOException(name + ": answered as a duplicate interchange (TA1)");
                        }
                    } else if (dir.equals(archive)) {
                        arrived.add(n);
                    } else if (dir.equals(error) && n.startsWith(name)) {
                        throw new IOException(name + ": moved to " + error);
                    }
                }
                key.reset();
            }
            if (recheck) {
                want.removeIf(n -> Files.exists(out.resolve(n)));
                if (Files.exists(archive.resolve(name))) {
                    arrived.add(name);
                }
            }
            if (outAt < 0 && want.isEmpty()) {
                outAt = now;
            }
            if (archAt < 0 && arrived.contains(name)) {
                archAt = now;
            }
            if (now - t0 > WATCH_FILE_TIMEOUT_NANOS) {
                throw new IOException(name + ": not answered within 60 s (missing " + want
                        + (archAt < 0 ? ", not archived" : "") + ")");
            }
        }
        return new long[] {outAt - t0, archAt - t0};
    }

    private static void awaitFinished(Watcher watcher, int n, String name) throws IOException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (watcher.finished() < n) {
            if (System.nanoTime() > deadline) {
                throw new IOException(name + ": archived, but the watcher did not count it finished");
            }
            LockSupport.parkNanos(50_000);
        }
    }

    /** ISA13, the interchange control number (the ISA's element separator is its fourth byte). */
    static String isa13(byte[] edi) {
        String head = new String(edi, 0, Math.min(edi.length, 128), StandardCharsets.US_ASCII);
        if (!head.startsWith("ISA")) {
            throw new IllegalArgumentException("not an X12 interchange");
        }
        return head.split(Pattern.quote(String.valueOf(head.charAt(3))), -1)[13];
    }

    /** Rewrites the one claim's CLM01 {@code TCnnnnnnnnn} in place (same length, so no count changes). */
    static void setClaimId(byte[] edi, int id) {
        int at = -1;
        for (int i = 0; i + CLM_TC.length + 9 <= edi.length && at < 0; i++) {
            if (Arrays.equals(edi, i, i + CLM_TC.length, CLM_TC, 0, CLM_TC.length)) {
                at = i + CLM_TC.length;
            }
        }
        if (at < 0) {
            throw new IllegalArgumentException("no CLM*TC segment");
        }
        byte[] digits = String.format(java.util.Locale.ROOT, "%09d", id).getBytes(StandardCharsets.US_ASCII);
        for (int i = 0; i < 9; i++) {
            if (edi[at + i] < '0' || edi[at + i] > '9') {
                throw new IllegalArgumentException("CLM01 is not TC + 9 digits");
            }
        }
        System.arraycopy(digits, 0, edi, at, 9);
    }

    private static String fsType(Path p) {
        try {
            return Files.getFileStore(p).type();
        } catch (IOException | RuntimeException e) {
            return "n/a";
        }
    }
}
