package io.toothcomb.bench;

import io.toothcomb.generate.SyntheticBatch;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The benchmark (issue 5, docs/benchmark.md). Throughput: for each claim count, generate (or reuse from the cache)
 * a synthetic 837D batch, then in a fresh JVM per tool run toothcomb's full scrub with every default output and
 * StAEDI's plain streaming read of the same file, and print one table. Latency ({@code watch}): in a fresh JVM per
 * history setting, a running watcher is handed one-claim files one at a time, and the time from each file's
 * rename into the inbox to its outputs (and its move to the archive) is printed in a second table.
 *
 * <pre>Bench [--seed S] [--xmx 256m] [--repeat N] [--rounds R] [--no-warmup] [--only TOOL[,TOOL...]] [--dir D]
 *       [--timeout-min M] [--watch-files N] [--watch-warmup N] [claims ... | watch ...]
 *       claims like 10000, 100k, 1M; 'watch' (or --watch) adds the latency; default 10k 100k 1M watch</pre>
 */
public final class Bench {

    /** toothcomb-history: the same scrub with an embedded H2 claim history (issue 19), started empty each run. */
    static final List<String> TOOLS = List.of("toothcomb", "toothcomb-noguide", "toothcomb-history", "staedi");
    /**
     * toothcomb-noguide: the same scrub in a JVM with {@code -Dtoothcomb.measure.noGuideChecks=true}: the loops are
     * tracked, but no element is checked against the guide and no situational rule runs (issue 15's budget: what
     * the guide checks cost, on one build).
     */
    static final String NO_GUIDE = "toothcomb-noguide";
    static final long WARMUP_CLAIMS = 10_000;
    /**
     * Timed runs per child JVM by default; the median is the figure. The first timed run of a big file still
     * shares the cores with the JIT compiler (toothcomb has far more code to compile than a plain reader), so
     * one run alone measures mostly compilation; the median of five is the steady state, and the first run is
     * printed beside it.
     */
    static final int DEFAULT_REPEAT = 5;
    /** Issue 5: a one-claim file is answered in under 20 ms after it is complete. */
    static final long WATCH_TARGET_MS = 20;
    static final int WATCH_FILES = 200;
    static final int WATCH_WARMUP = 30;
    /** The watcher's history in each latency child: the embedded H2 default, then none ({@code --no-history}). */
    static final List<String> WATCH_HISTORIES = List.of("h2", "none");

    /** Parsed command line; {@code watch}: also measure the watcher's latency. */
    record Args(List<Long> claims, long seed, String xmx, int repeat, int rounds, boolean warmup, List<String> tools, Path dir,
                long timeoutMinutes, boolean watch, int watchFiles, int watchWarmup) {
    }

    /** One latency child's figures (nanoseconds from the rename), from its RESULT line (or its failure). */
    record Latency(String history, String status, int files, int warmup, long outP50, long outP95, long outMax,
                   long outOver, long archP50, long archP95, long archMax, long archOver, long pickP50, long pickP95,
                   long ownP50, long ownP95, long ownMax, long slowPickups, long gcCount, long gcMillis, long startNanos, int threads,
                   String fs, double procSeconds, String load, String detail) {
        boolean ok() {
            return "ok".equals(status);
        }
    }

    /** One measured run, from a child's RESULT line (or its failure). */
    record Run(String tool, String status, double wallSeconds, double firstSeconds, double procSeconds, long segments, long claims,
               long heapPeakBytes, long oldPeakBytes, long liveAfterFullGcBytes, long fullGcs, long rssPeakKb,
               boolean rssReset, long gcCount, long gcMillis,
               long outputBytes, String load, String detail, String cpu, long historyBytes) {
        boolean ok() {
            return "ok".equals(status);
        }
    }

    /** One input file and both tools' runs on it. */
    record Row(Path file, long bytes, long claims, List<Run> runs) {
    }

    private Bench() {
    }

    public static void main(String[] argv) throws Exception {
        Args a;
        try {
            a = parse(argv);
        } catch (IllegalArgumentException e) {
            System.err.println("bench: " + e.getMessage());
            System.err.println("usage: bench [--seed S] [--xmx 256m] [--repeat N] [--no-warmup] "
                    + "[--rounds R] [--only TOOL[,TOOL...] of toothcomb, toothcomb-noguide, toothcomb-history, staedi] [--dir D] [--timeout-min M] [--watch-files N] [--watch-warmup N] "
                    + "[claims ... | watch ...]");
            System.exit(2);
            return;
        }
        Files.createDirectories(a.dir());
        List<String> flags = childFlags(a.xmx());
        System.out.println("toothcomb benchmark  " + java.time.LocalDateTime.now().withNano(0));
        System.out.println("machine: " + Runtime.getRuntime().availableProcessors() + " CPUs, "
                + System.getProperty("os.name") + " " + System.getProperty("os.arch") + ", java "
                + System.getProperty("java.vm.version") + " (" + System.getProperty("java.vm.name") + ")");
        System.out.println("load average at start: " + loadAverage());
        if (!a.claims().isEmpty()) {
            throughput(a, flags);
        }
        if (a.watch()) {
            latency(a, flags);
        }
        System.out.println("load average at end: " + loadAverage());
    }

    private static void throughput(Args a, List<String> flags) throws IOException, InterruptedException {
        System.out.println("child JVM: java " + String.join(" ", flags) + " -cp <bench classpath> "
                + BenchChild.class.getName() + " <tool> <file> <warm-up> <out> " + a.repeat());
        System.out.println("warm-up: " + (a.warmup()
                ? "each child first runs its tool once, untimed, on the " + WARMUP_CLAIMS + "-claim file"
                : "none (--no-warmup): the timed run includes JIT warm-up")
                + "; timed: median of " + a.repeat() + " run(s) in that JVM");
        System.out.flush();

        Path warmFile = a.warmup() ? ensureFile(a.dir(), WARMUP_CLAIMS, a.seed(), "warm-up input") : null;
        List<Row> rows = new ArrayList<>();
        for (long n : a.claims()) {
            Path file = ensureFile(a.dir(), n, a.seed(), "input");
            // with --rounds, the tools take turns, so that a machine whose speed drifts slows each alike
            Map<String, List<Run>> byTool = new LinkedHashMap<>();
            for (int round = 1; round <= a.rounds(); round++) {
                for (String tool : a.tools()) {
                    Run r = runChild(a, flags, tool, file, warmFile);
                    byTool.computeIfAbsent(tool, t -> new ArrayList<>()).add(r);
                    System.out.println("  " + file.getFileName() + " " + tool
                            + (a.rounds() > 1 ? " (round " + round + ")" : "") + ": " + describe(r));
                    System.out.flush();
                }
            }
            List<Run> runs = new ArrayList<>();
            byTool.values().forEach(rs -> runs.add(median(rs)));
            rows.add(new Row(file, Files.size(file), n, runs));
            if (byTool.containsKey("toothcomb") && byTool.containsKey(NO_GUIDE)) {
                System.out.println("  " + file.getFileName() + ": " + guideCost(byTool.get("toothcomb"),
                        byTool.get(NO_GUIDE)));
            }
        }
        System.out.println();
        System.out.print(table(rows));
        System.out.println();
        System.out.print(notes(rows, a));
    }

    private static void latency(Args a, List<String> flags) throws IOException, InterruptedException {
        System.out.println();
        System.out.println("watcher latency: child JVM: java " + String.join(" ", flags) + " -cp <bench classpath> "
                + BenchChild.class.getName() + " " + BenchChild.WATCH + " <h2|none> " + a.watchFiles() + " "
                + a.watchWarmup() + " <work folder>");
        System.out.flush();
        List<Latency> runs = new ArrayList<>();
        for (String h : WATCH_HISTORIES) {
            Latency l = runWatchChild(a, flags, h);
            runs.add(l);
            System.out.println("  watch, history " + h + ": " + describe(l));
            System.out.flush();
        }
        System.out.println();
        System.out.print(latencyTable(runs));
        System.out.println();
        System.out.print(latencyNotes(runs, a));
    }

    // ---------------------------------------------------------------- arguments

    static Args parse(String[] argv) {
        List<Long> claims = new ArrayList<>();
        long seed = 7;
        String xmx = "256m";
        int repeat = DEFAULT_REPEAT;
        int rounds = 1;
        boolean warmup = true;
        List<String> tools = TOOLS;
        Path dir = Path.of("target", "bench");
        long timeout = 120;
        boolean watch = false;
        int watchFiles = WATCH_FILES;
        int watchWarmup = WATCH_WARMUP;
        for (int i = 0; i < argv.length; i++) {
            String s = argv[i];
            switch (s) {
                case "--seed" -> seed = Long.parseLong(value(argv, ++i, s));
                case "--xmx" -> {
                    xmx = value(argv, ++i, s);
                    if (!xmx.matches("[0-9]+[kKmMgG]?")) {
                        throw new IllegalArgumentException("--xmx wants a size like 256m: " + xmx);
                    }
                }
                case "--repeat" -> {
                    repeat = Integer.parseInt(value(argv, ++i, s));
                    if (repeat < 1) {
                        throw new IllegalArgumentException("--repeat must be at least 1");
                    }
                }
                case "--rounds" -> {
                    rounds = Integer.parseInt(value(argv, ++i, s));
                    if (rounds < 1) {
                        throw new IllegalArgumentException("--rounds must be at least 1");
                    }
                }
                case "--no-warmup" -> warmup = false;
                case "--only" -> {
                    List<String> named = List.of(value(argv, ++i, s).split(","));
                    for (String t : named) {
                        if (!TOOLS.contains(t)) {
                            throw new IllegalArgumentException("--only wants some of " + TOOLS + ": " + t);
                        }
                    }
                    tools = named;
                }
                case "--dir" -> dir = Path.of(value(argv, ++i, s));
                case "--timeout-min" -> timeout = Long.parseLong(value(argv, ++i, s));
                case "watch", "--watch" -> watch = true;
                case "--watch-files" -> {
                    watchFiles = Integer.parseInt(value(argv, ++i, s));
                    if (watchFiles < 1) {
                        throw new IllegalArgumentException("--watch-files must be at least 1");
                    }
                }
                case "--watch-warmup" -> {
                    watchWarmup = Integer.parseInt(value(argv, ++i, s));
                    if (watchWarmup < 0) {
                        throw new IllegalArgumentException("--watch-warmup must not be negative");
                    }
                }
                default -> {
                    if (s.startsWith("-")) {
                        throw new IllegalArgumentException("unknown option: " + s);
                    }
                    claims.add(parseCount(s));
                }
            }
        }
        if (claims.isEmpty() && !watch) { // nothing named: everything
            claims = List.of(10_000L, 100_000L, 1_000_000L);
            watch = true;
        }
        return new Args(List.copyOf(claims), seed, xmx, repeat, rounds, warmup, tools, dir, timeout, watch, watchFiles,
                watchWarmup);
    }

    private static String value(String[] argv, int i, String option) {
        if (i >= argv.length) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return argv[i];
    }

    /** 10000, 10_000, 10k, 1M (k = 1,000, M = 1,000,000). */
    static long parseCount(String s) {
        String t = s.replace("_", "").replace(",", "").trim();
        long mult = 1;
        if (t.endsWith("k") || t.endsWith("K")) {
            mult = 1_000;
            t = t.substring(0, t.length() - 1);
        } else if (t.endsWith("m") || t.endsWith("M")) {
            mult = 1_000_000;
            t = t.substring(0, t.length() - 1);
        }
        long n;
        try {
            n = Long.parseLong(t) * mult;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not a claim count: " + s);
        }
        if (n < 1 || n > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("claim count out of range: " + s);
        }
        return n;
    }

    static List<String> childFlags(String xmx) {
        return List.of("-Xmx" + xmx, "-XX:+UseParallelGC", "-XX:+ExitOnOutOfMemoryError");
    }

    // ---------------------------------------------------------------- input cache

    /** The cache key is claims + seed; the generator is deterministic, so a cached file is the same bytes. */
    static Path cachedFile(Path dir, long claims, long seed) {
        return dir.resolve("claims-" + claims + "-seed-" + seed + ".edi");
    }

    static Path ensureFile(Path dir, long claims, long seed, String label) throws IOException {
        Path f = cachedFile(dir, claims, seed);
        if (Files.isRegularFile(f)) {
            System.out.println(label + ": " + f + " (cached, " + mb(Files.size(f)) + " MB)");
        } else {
            long t0 = System.nanoTime();
            SyntheticBatch.Summary s = SyntheticBatch.write((int) claims, seed, f); // temp file + rename
            System.out.printf(Locale.ROOT, "%s: %s (generated, %s MB, %d segments, %.1f s)%n", label, f,
                    mb(s.bytes()), s.segments(), (System.nanoTime() - t0) / 1e9);
        }
        System.out.flush();
        return f;
    }

    // ---------------------------------------------------------------- child runs

    static Run runChild(Args a, List<String> flags, String tool, Path file, Path warmFile)
            throws IOException, InterruptedException {
        Path out = a.dir().resolve("out-" + tool);
        Path logs = a.dir().resolve("logs");
        Files.createDirectories(out);
        Files.createDirectories(logs);
        String base = file.getFileName().toString().replace(".edi", "") + "-" + tool;
        Path stdout = logs.resolve(base + ".out");
        Path stderr = logs.resolve(base + ".err");

        List<String> childFlags = new ArrayList<>(flags);
        if (tool.equals(NO_GUIDE)) {
            childFlags.add("-Dtoothcomb.measure.noGuideChecks=true");
        }
        List<String> cmd = childCommand(childFlags);
        cmd.add(tool.equals(NO_GUIDE) ? "toothcomb" : tool);
        cmd.add(file.toAbsolutePath().toString());
        cmd.add(warmFile == null ? "-" : warmFile.toAbsolutePath().toString());
        cmd.add(out.toAbsolutePath().toString());
        cmd.add(Integer.toString(a.repeat()));

        Child c = spawn(cmd, stdout, stderr, a.timeoutMinutes());
        String load = c.load();
        double proc = c.procSeconds();
        if (!c.status().equals("ok")) {
            return failed(tool, c.status(), proc, load, c.detail());
        }
        Map<String, String> m = c.result();
        return new Run(tool, m.get("status"), Long.parseLong(m.get("wallNanos")) / 1e9,
                Long.parseLong(m.getOrDefault("firstWallNanos", m.get("wallNanos"))) / 1e9, proc,
                Long.parseLong(m.get("segments")), Long.parseLong(m.get("claims")),
                Long.parseLong(m.get("heapPeakBytes")), Long.parseLong(m.get("oldPeakBytes")),
                Long.parseLong(m.get("liveAfterFullGcBytes")), Long.parseLong(m.get("fullGcs")),
                Long.parseLong(m.get("rssPeakKb")), Boolean.parseBoolean(m.get("rssReset")),
                Long.parseLong(m.get("gcCount")), Long.parseLong(m.get("gcMillis")),
                Long.parseLong(m.get("outputBytes")), load, "", m.getOrDefault("cpu", ""),
                Long.parseLong(m.getOrDefault("historyBytes", "-1")));
    }

    /** A finished child process: "ok" with its RESULT fields, or "timeout", "OOM", "failed" with a detail. */
    record Child(String status, Map<String, String> result, double procSeconds, String load, String detail) {
    }

    static Child spawn(List<String> cmd, Path stdout, Path stderr, long timeoutMinutes)
            throws IOException, InterruptedException {
        String load = loadAverage1();
        long t0 = System.nanoTime();
        Process p = new ProcessBuilder(cmd).redirectOutput(stdout.toFile()).redirectError(stderr.toFile()).start();
        boolean done = p.waitFor(timeoutMinutes, TimeUnit.MINUTES);
        if (!done) {
            p.destroyForcibly().waitFor();
        }
        double proc = (System.nanoTime() - t0) / 1e9;
        String err = Files.readString(stderr, StandardCharsets.UTF_8);
        String result = Files.readAllLines(stdout, StandardCharsets.UTF_8).stream()
                .filter(l -> l.startsWith("RESULT ")).reduce((x, y) -> y).orElse(null);
        if (!done) {
            return new Child("timeout", Map.of(), proc, load, "killed after " + timeoutMinutes + " min");
        }
        if (err.contains("OutOfMemoryError")) {
            return new Child("OOM", Map.of(), proc, load, firstLine(err, "OutOfMemoryError"));
        }
        if (p.exitValue() != 0 || result == null) {
            return new Child("failed", Map.of(), proc, load,
                    "exit " + p.exitValue() + ": " + failureLine(err) + " (see " + stderr + ")");
        }
        return new Child("ok", parseResult(result), proc, load, "");
    }

    /** {@code java <flags> -cp <this classpath> BenchChild}, ready for the child's own arguments. */
    private static List<String> childCommand(List<String> flags) {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(flags);
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(BenchChild.class.getName());
        return cmd;
    }

    static Latency runWatchChild(Args a, List<String> flags, String history) throws IOException, InterruptedException {
        Path logs = a.dir().resolve("logs");
        Files.createDirectories(logs);
        Path work = a.dir().resolve("watch-" + history).toAbsolutePath();
        List<String> cmd = childCommand(flags);
        cmd.add(BenchChild.WATCH);
        cmd.add(history);
        cmd.add(Integer.toString(a.watchFiles()));
        cmd.add(Integer.toString(a.watchWarmup()));
        cmd.add(work.toString());
        Child c = spawn(cmd, logs.resolve("watch-" + history + ".out"), logs.resolve("watch-" + history + ".err"),
                a.timeoutMinutes());
        if (!c.status().equals("ok")) {
            return new Latency(history, c.status(), a.watchFiles(), a.watchWarmup(), -1, -1, -1, -1, -1, -1, -1, -1,
                    -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, "", c.procSeconds(), c.load(), c.detail());
        }
        Map<String, String> m = c.result();
        return new Latency(history, "ok", Integer.parseInt(m.get("files")), Integer.parseInt(m.get("warmup")),
                Long.parseLong(m.get("outP50Nanos")), Long.parseLong(m.get("outP95Nanos")),
                Long.parseLong(m.get("outMaxNanos")), Long.parseLong(m.get("outOver")),
                Long.parseLong(m.get("archP50Nanos")), Long.parseLong(m.get("archP95Nanos")),
                Long.parseLong(m.get("archMaxNanos")), Long.parseLong(m.get("archOver")),
                Long.parseLong(m.get("pickP50Nanos")), Long.parseLong(m.get("pickP95Nanos")),
                Long.parseLong(m.get("ownP50Nanos")), Long.parseLong(m.get("ownP95Nanos")),
                Long.parseLong(m.get("ownMaxNanos")), Long.parseLong(m.get("slowPickups")),
                Long.parseLong(m.get("gcCount")), Long.parseLong(m.get("gcMillis")),
                Long.parseLong(m.get("startNanos")), Integer.parseInt(m.get("threads")), m.get("fs"),
                c.procSeconds(), c.load(), "");
    }

    /** Nearest rank: the smallest value with at least {@code q} of the values at or below it; {@code sorted} ascending. */
    static long percentile(long[] sorted, double q) {
        int rank = (int) Math.ceil(q * sorted.length);
        return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1];
    }

    private static Run failed(String tool, String status, double proc, String load, String detail) {
        return new Run(tool, status, Double.NaN, Double.NaN, proc, -1, -1, -1, -1, -1, -1, -1, false, -1, -1, -1, load, detail, "", -1);
    }

    private static String firstLine(String text, String containing) {
        for (String l : text.split("\n")) {
            if (!l.isBlank() && l.contains(containing)) {
                return l.strip();
            }
        }
        return "";
    }

    /** The first line naming an exception or error (the watcher child logs INFO lines first), else the first line. */
    static String failureLine(String err) {
        for (String l : err.split("\n")) {
            if (l.contains("Exception") || l.contains("Error")) {
                return l.strip();
            }
        }
        return firstLine(err, "");
    }

    /** {@code RESULT k=v k=v}; values never contain spaces. */
    static String formatResult(Map<String, String> m) {
        StringBuilder sb = new StringBuilder("RESULT");
        m.forEach((k, v) -> sb.append(' ').append(k).append('=').append(v.replace(' ', '_')));
        return sb.toString();
    }

    static Map<String, String> parseResult(String line) {
        Map<String, String> m = new LinkedHashMap<>();
        for (String kv : line.substring("RESULT".length()).trim().split(" +")) {
            int eq = kv.indexOf('=');
            if (eq > 0) {
                m.put(kv.substring(0, eq), kv.substring(eq + 1));
            }
        }
        return m;
    }

    // ---------------------------------------------------------------- output

    static String describe(Run r) {
        if (!r.ok()) {
            return r.status() + " " + r.detail();
        }
        return String.format(Locale.ROOT, "%.2f s timed, %.1f s process, %d segments, %d claims, %d GCs (%d ms, %d full),"
                        + " output %s MB%s, peak RSS %s MB, load %s", r.wallSeconds(), r.procSeconds(), r.segments(),
                r.claims(), r.gcCount(), r.gcMillis(), r.fullGcs(), mb(r.outputBytes()),
                r.historyBytes() < 0 ? "" : ", history database " + mb(r.historyBytes()) + " MB",
                r.rssPeakKb() < 0 ? "?" : mb(r.rssPeakKb() * 1024), r.load());
    }

    static String table(List<Row> rows) {
        String[] head = {"file MB", "claims", "tool", "wall s", "MB/s", "claims/s", "peak heap MB", "live MB",
                "peak RSS MB", "history DB MB", "process s", "load", "toothcomb/StAEDI", "1st run s", "1st run ratio"};
        List<String[]> body = new ArrayList<>();
        for (Row row : rows) {
            Run tc = find(row, "toothcomb");
            Run st = find(row, "staedi");
            String ratio = tc != null && st != null && tc.ok() && st.ok()
                    ? String.format(Locale.ROOT, "%.2fx", st.wallSeconds() / tc.wallSeconds()) : "";
            String firstRatio = tc != null && st != null && tc.ok() && st.ok()
                    ? String.format(Locale.ROOT, "%.2fx", st.firstSeconds() / tc.firstSeconds()) : "";
            boolean first = true;
            for (Run r : row.runs()) {
                double mbps = row.bytes() / 1e6 / r.wallSeconds();
                double cps = row.claims() / r.wallSeconds();
                body.add(new String[] {
                    first ? mb(row.bytes()) : "",
                    first ? group(row.claims()) : "",
                    r.tool(),
                    r.ok() ? fmt("%.2f", r.wallSeconds()) : r.status(),
                    r.ok() ? fmt("%.1f", mbps) : "",
                    r.ok() ? group(Math.round(cps)) : "",
                    r.ok() ? mb(r.heapPeakBytes()) : "",
                    !r.ok() ? "" : r.fullGcs() == 0 ? "no full GC" : mb(r.liveAfterFullGcBytes()),
                    r.ok() && r.rssPeakKb() >= 0 ? mb(r.rssPeakKb() * 1024) : "",
                    r.ok() && r.historyBytes() >= 0 ? mb(r.historyBytes()) : "",
                    fmt("%.1f", r.procSeconds()),
                    r.load(),
                    first ? ratio : "",
                    r.ok() ? fmt("%.2f", r.firstSeconds()) : "",
                    first ? firstRatio : ""
                });
                first = false;
            }
        }
        return render(head, body);
    }

    /** The run of median wall time (the slower middle one of an even number); a failed run counts as slowest. */
    static Run median(List<Run> runs) {
        List<Run> sorted = new ArrayList<>(runs);
        sorted.sort(Comparator.comparingDouble(r -> r.ok() ? r.wallSeconds() : Double.MAX_VALUE));
        return sorted.get(sorted.size() / 2);
    }

    /**
     * What the guide checks cost: the full scrub's wall time with them over without, round by round (each round
     * runs the two one after the other) and as the median of the rounds' ratios, with the throughput lost.
     */
    static String guideCost(List<Run> with, List<Run> without) {
        List<Double> ratios = new ArrayList<>();
        List<Double> setRatios = new ArrayList<>();
        List<Double> processRatios = new ArrayList<>();
        StringBuilder each = new StringBuilder();
        StringBuilder eachSet = new StringBuilder();
        for (int i = 0; i < Math.min(with.size(), without.size()); i++) {
            Run w = with.get(i);
            Run o = without.get(i);
            if (w.ok() && o.ok()) {
                double r = w.wallSeconds() / o.wallSeconds();
                ratios.add(r);
                each.append(each.length() == 0 ? "" : ", ").append(fmt("%.3f", r));
                double ws = ThreadCpu.seconds(w.cpu(), "set-");
                double os = ThreadCpu.seconds(o.cpu(), "set-");
                if (ws > 0 && os > 0) {
                    setRatios.add(ws / os);
                    eachSet.append(eachSet.length() == 0 ? "" : ", ").append(fmt("%.3f", ws / os));
                    processRatios.add(ThreadCpu.seconds(w.cpu(), "process")
                            / ThreadCpu.seconds(o.cpu(), "process"));
                }
            }
        }
        if (ratios.isEmpty()) {
            return "guide checks: no pair of runs to compare";
        }
        double m = middle(ratios);
        String wall = "guide checks: wall time with over without " + fmt("%.3f", m) + "x (median of " + ratios.size()
                + " round(s): " + each + "), throughput " + fmt("%.1f", 100 * (1 - 1 / m)) + "% lower";
        if (setRatios.isEmpty()) {
            return wall;
        }
        // CPU seconds of the median timed run of each JVM: the set workers are where the checks run
        return wall + "; CPU with over without: the set workers " + fmt("%.3f", middle(setRatios)) + "x (median of "
                + setRatios.size() + ": " + eachSet + "), the whole process " + fmt("%.3f", middle(processRatios))
                + "x";
    }

    /** The median of some numbers (the mean of the middle two of an even count). */
    private static double middle(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        sorted.sort(null);
        return sorted.size() % 2 == 1 ? sorted.get(sorted.size() / 2)
                : (sorted.get(sorted.size() / 2 - 1) + sorted.get(sorted.size() / 2)) / 2;
    }

    private static Run find(Row row, String tool) {
        return row.runs().stream().filter(r -> r.tool().equals(tool)).findFirst().orElse(null);
    }

    static String describe(Latency l) {
        if (!l.ok()) {
            return l.status() + " " + l.detail();
        }
        return "outputs p50 " + ms(l.outP50()) + " / p95 " + ms(l.outP95()) + " / max " + ms(l.outMax())
                + " ms, archived p50 " + ms(l.archP50()) + " / p95 " + ms(l.archP95()) + " / max " + ms(l.archMax())
                + " ms; pick-up p50 " + ms(l.pickP50()) + " / p95 " + ms(l.pickP95()) + " ms, watcher's own p50 "
                + ms(l.ownP50()) + " / p95 " + ms(l.ownP95()) + " / max " + ms(l.ownMax()) + " ms; " + l.gcCount()
                + " GCs (" + l.gcMillis() + " ms) while counted; watcher started in " + ms(l.startNanos())
                + " ms, process " + fmt("%.1f", l.procSeconds()) + " s, load " + l.load();
    }

    static String latencyTable(List<Latency> runs) {
        String[] head = {"history", "files", "outputs p50 ms", "outputs p95 ms", "outputs max ms", "archived p50 ms",
            "archived p95 ms", "archived max ms", ">= " + WATCH_TARGET_MS + " ms out/arch", "pick-up p50 ms",
            "watcher's own p50 ms", "load", "target < " + WATCH_TARGET_MS + " ms"};
        List<String[]> body = new ArrayList<>();
        for (Latency l : runs) {
            String label = "h2".equals(l.history()) ? "H2 (default)" : "none".equals(l.history()) ? "none" : l.history();
            if (!l.ok()) {
                body.add(new String[] {label, Integer.toString(l.files()), l.status(), "", "", "", "", "", "", "", "",
                    l.load(), ""});
                continue;
            }
            body.add(new String[] {label, Integer.toString(l.files()), ms(l.outP50()), ms(l.outP95()), ms(l.outMax()),
                ms(l.archP50()), ms(l.archP95()), ms(l.archMax()), l.outOver() + " / " + l.archOver(),
                l.pickP50() < 0 ? "" : ms(l.pickP50()), l.ownP50() < 0 ? "" : ms(l.ownP50()), l.load(), verdict(l)});
        }
        return render(head, body, 0);
    }

    /** Judged on "outputs written", the answer: every file, the 95th percentile, the median, or none. */
    static String verdict(Latency l) {
        long limit = TimeUnit.MILLISECONDS.toNanos(WATCH_TARGET_MS);
        if (!l.ok()) {
            return "";
        }
        if (l.outMax() < limit) {
            return "met (every file)";
        }
        if (l.outP95() < limit) {
            return "met at p95";
        }
        return l.outP50() < limit ? "median only" : "NOT met";
    }

    static String latencyNotes(List<Latency> runs, Args a) {
        StringBuilder sb = new StringBuilder();
        sb.append("Latency of a running watcher (issue 5: a one-claim file is answered in under ").append(WATCH_TARGET_MS)
                .append(" ms after it is complete). ").append(a.watchFiles()).append(" one-claim files, dropped one at"
                + " a time (write .NAME.tmp in the inbox, rename it to NAME.edi), each ").append(BenchChild.WATCH_GAP_MS)
                .append(" ms after the previous one is finished; ").append(a.watchWarmup())
                .append(" files before them not counted.\n");
        sb.append("The clock starts just before the rename. outputs: until the last of the five default outputs is in"
                + " out/; archived: until the input is in archive/ (both seen through a watch service on those"
                + " folders). p50/p95: nearest rank; >= ").append(WATCH_TARGET_MS)
                .append(" ms: how many files took that long or longer.\n");
        Latency any = runs.stream().filter(Latency::ok).findFirst().orElse(null);
        sb.append("Watcher as 'toothcomb watch' runs it by default: settle ").append(BenchChild.WATCH_SETTLE_MS)
                .append(" ms (not used for a renamed-in file), ").append(any == null ? "one" : any.threads())
                .append(" thread(s) (one per core), every default output; history H2 (default): the embedded H2"
                + " history in the work folder").append(any == null ? "" : " (" + any.fs() + ")")
                .append("; none: --no-history.\n");
        sb.append("Where the time goes, per file: pick-up = archived - watcher's own (the watch event, the watcher's"
                + " rename grace Inbox.RENAME_GRACE_MS, the hand-over to a worker); watcher's own = the time the watcher"
                + " logs for the file, from taking it to archiving it (history claim, scrub, five outputs forced to disk"
                + " together and renamed, history commit, move).\n");
        for (Latency l : runs) {
            if (l.ok() && l.slowPickups() > 0) {
                sb.append("WARNING watch, history ").append(l.history()).append(": ").append(l.slowPickups())
                        .append(" renamed-in file(s) were picked up only after the settle time (")
                        .append(BenchChild.WATCH_SETTLE_MS).append(" ms), as if written in place; per-file times in ")
                        .append(a.dir().resolve("logs").resolve("watch-" + l.history() + ".out")).append('\n');
            }
            if (!l.ok()) {
                sb.append("watch, history ").append(l.history()).append(": ").append(l.status()).append(" - ")
                        .append(l.detail()).append('\n');
            }
        }
        return sb.toString();
    }

    private static String ms(long nanos) {
        return fmt("%.1f", nanos / 1e6);
    }

    /** A GitHub-flavoured Markdown table, so it pastes into docs and issues as is; numbers right-aligned. */
    static String render(String[] head, List<String[]> body) {
        return render(head, body, 2);
    }

    /** As {@link #render(String[], List)}, with column {@code textColumn} left-aligned instead of the third. */
    static String render(String[] head, List<String[]> body, int textColumn) {
        int[] w = new int[head.length];
        for (int i = 0; i < head.length; i++) {
            w[i] = head[i].length();
            for (String[] r : body) {
                w[i] = Math.max(w[i], r[i].length());
            }
        }
        StringBuilder sb = new StringBuilder();
        line(sb, head, w, false, textColumn);
        sb.append('|');
        for (int i = 0; i < w.length; i++) {
            sb.append(i == textColumn ? "-".repeat(w[i] + 2) : "-".repeat(w[i] + 1) + ":").append('|');
        }
        sb.append('\n');
        for (String[] r : body) {
            line(sb, r, w, true, textColumn);
        }
        return sb.toString();
    }

    private static void line(StringBuilder sb, String[] cells, int[] w, boolean alignRight, int textColumn) {
        sb.append('|');
        for (int i = 0; i < cells.length; i++) {
            String c = cells[i];
            boolean right = alignRight && i != textColumn;
            String pad = " ".repeat(w[i] - c.length());
            sb.append(' ').append(right ? pad + c : c + pad).append(" |");
        }
        sb.append('\n');
    }

    static String notes(List<Row> rows, Args a) {
        StringBuilder sb = new StringBuilder();
        sb.append("MB = 10^6 bytes. wall s: the timed runs inside the child JVM (after warm-up), median of ").append(a.repeat())
                .append("; 1st run s: the first of them, with the JIT still compiling; process s: the whole child process"
                        + " (JVM start + warm-up + timed runs).\n");
        sb.append("peak heap: sum over heap pools of each pool's peak after the warm-up (an upper bound, pools peak"
                + " at different times); live: the largest heap in use right after a full GC (the live set;"
                + " 'no full GC' = the old generation never filled).\n");
        sb.append("peak RSS: VmHWM of the child");
        boolean allReset = rows.stream().flatMap(r -> r.runs().stream()).filter(Run::ok).allMatch(Run::rssReset);
        sb.append(allReset ? ", reset after the warm-up.\n" : ", NOT resettable here, so it includes the warm-up.\n");
        sb.append("toothcomb/StAEDI: toothcomb's throughput over StAEDI's on the same file (above 1 = toothcomb"
                + " faster). toothcomb reads the file once (twice when a transaction set is rejected), runs the"
                + " rules and writes 5 outputs; StAEDI reads once and writes nothing.\n");
        for (Row row : rows) {
            Run tc = find(row, "toothcomb");
            Run st = find(row, "staedi");
            if (tc != null && st != null && tc.ok() && st.ok()
                    && (tc.segments() != st.segments() || tc.claims() != st.claims())) {
                sb.append("WARNING ").append(row.file().getFileName()).append(": toothcomb saw ")
                        .append(tc.segments()).append(" segments / ").append(tc.claims())
                        .append(" claims, StAEDI ").append(st.segments()).append(" / ").append(st.claims())
                        .append('\n');
            }
            for (Run r : row.runs()) {
                if (!r.ok()) {
                    sb.append(row.file().getFileName()).append(' ').append(r.tool()).append(": ")
                            .append(r.status()).append(" - ").append(r.detail()).append('\n');
                }
            }
        }
        for (Row row : rows) {
            // with and without history: on a shared machine the CPU compares better than the wall time
            for (String tool : List.of("toothcomb", NO_GUIDE, "toothcomb-history")) {
                Run tc = find(row, tool);
                if (tc != null && tc.ok() && !tc.cpu().isEmpty()) {
                    sb.append("CPU seconds per timed run, ").append(tool).append(", ").append(group(row.claims()))
                            .append(" claims: ").append(ThreadCpu.describe(tc.cpu())).append('\n');
                }
            }
        }
        for (Row row : rows) {
            if (row.claims() == 1_000_000) {
                Run tc = find(row, "toothcomb");
                if (tc != null) {
                    sb.append("1M claims with -Xmx").append(a.xmx()).append(": ").append(tc.ok()
                            ? "sufficed (no OutOfMemoryError; peak heap " + mb(tc.heapPeakBytes()) + " MB, old gen peak "
                            + mb(tc.oldPeakBytes()) + " MB, live after full GC " + (tc.fullGcs() == 0
                            ? "n/a (no full GC)" : mb(tc.liveAfterFullGcBytes()) + " MB") + ")"
                            : "DID NOT SUFFICE: " + tc.status() + " " + tc.detail()).append('\n');
                }
            }
        }
        return sb.toString();
    }

    static String mb(long bytes) {
        return fmt("%.1f", bytes / 1e6);
    }

    static String group(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }

    private static String fmt(String f, double v) {
        return String.format(Locale.ROOT, f, v);
    }

    static String loadAverage() {
        try {
            String[] p = Files.readString(Path.of("/proc/loadavg")).trim().split(" +");
            return p[0] + ", " + p[1] + ", " + p[2] + " (1, 5, 15 min)";
        } catch (IOException | RuntimeException e) {
            return "n/a";
        }
    }

    private static String loadAverage1() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).trim().split(" +")[0];
        } catch (IOException | RuntimeException e) {
            return "n/a";
        }
    }
}
