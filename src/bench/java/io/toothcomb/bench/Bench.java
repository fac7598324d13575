package io.toothcomb.bench;

import io.toothcomb.generate.SyntheticBatch;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The throughput benchmark (issue 5, docs/benchmark.md). For each claim count: generate (or reuse from the cache)
 * a synthetic 837D batch, then in a fresh JVM per tool run toothcomb's full scrub with every default output and
 * StAEDI's plain streaming read of the same file, and print one table.
 *
 * <pre>Bench [--seed S] [--xmx 256m] [--repeat N] [--no-warmup] [--only toothcomb|staedi] [--dir D]
 *       [--timeout-min M] [claims ...]        claims like 10000, 100k, 1M; default 10k 100k 1M</pre>
 */
public final class Bench {

    static final List<String> TOOLS = List.of("toothcomb", "staedi");
    static final long WARMUP_CLAIMS = 10_000;

    /** Parsed command line. */
    record Args(List<Long> claims, long seed, String xmx, int repeat, boolean warmup, List<String> tools, Path dir,
                long timeoutMinutes) {
    }

    /** One measured run, from a child's RESULT line (or its failure). */
    record Run(String tool, String status, double wallSeconds, double procSeconds, long segments, long claims,
               long heapPeakBytes, long oldPeakBytes, long liveAfterFullGcBytes, long fullGcs, long rssPeakKb,
               boolean rssReset, long gcCount, long gcMillis,
               long outputBytes, String load, String detail) {
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
                    + "[--only toothcomb|staedi] [--dir D] [--timeout-min M] [claims ...]");
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
            List<Run> runs = new ArrayList<>();
            for (String tool : a.tools()) {
                Run r = runChild(a, flags, tool, file, warmFile);
                runs.add(r);
                System.out.println("  " + file.getFileName() + " " + tool + ": " + describe(r));
                System.out.flush();
            }
            rows.add(new Row(file, Files.size(file), n, runs));
        }
        System.out.println();
        System.out.print(table(rows));
        System.out.println();
        System.out.print(notes(rows, a));
        System.out.println("load average at end: " + loadAverage());
    }

    // ---------------------------------------------------------------- arguments

    static Args parse(String[] argv) {
        List<Long> claims = new ArrayList<>();
        long seed = 7;
        String xmx = "256m";
        int repeat = 1;
        boolean warmup = true;
        List<String> tools = TOOLS;
        Path dir = Path.of("target", "bench");
        long timeout = 120;
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
                case "--no-warmup" -> warmup = false;
                case "--only" -> {
                    String t = value(argv, ++i, s);
                    if (!TOOLS.contains(t)) {
                        throw new IllegalArgumentException("--only wants one of " + TOOLS + ": " + t);
                    }
                    tools = List.of(t);
                }
                case "--dir" -> dir = Path.of(value(argv, ++i, s));
                case "--timeout-min" -> timeout = Long.parseLong(value(argv, ++i, s));
                default -> {
                    if (s.startsWith("-")) {
                        throw new IllegalArgumentException("unknown option: " + s);
                    }
                    claims.add(parseCount(s));
                }
            }
        }
        if (claims.isEmpty()) {
            claims = List.of(10_000L, 100_000L, 1_000_000L);
        }
        return new Args(List.copyOf(claims), seed, xmx, repeat, warmup, tools, dir, timeout);
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

        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(flags);
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(BenchChild.class.getName());
        cmd.add(tool);
        cmd.add(file.toAbsolutePath().toString());
        cmd.add(warmFile == null ? "-" : warmFile.toAbsolutePath().toString());
        cmd.add(out.toAbsolutePath().toString());
        cmd.add(Integer.toString(a.repeat()));

        String load = loadAverage1();
        long t0 = System.nanoTime();
        Process p = new ProcessBuilder(cmd).redirectOutput(stdout.toFile()).redirectError(stderr.toFile()).start();
        boolean done = p.waitFor(a.timeoutMinutes(), TimeUnit.MINUTES);
        if (!done) {
            p.destroyForcibly().waitFor();
        }
        double proc = (System.nanoTime() - t0) / 1e9;
        String err = Files.readString(stderr, StandardCharsets.UTF_8);
        String result = Files.readAllLines(stdout, StandardCharsets.UTF_8).stream()
                .filter(l -> l.startsWith("RESULT ")).reduce((x, y) -> y).orElse(null);
        if (!done) {
            return failed(tool, "timeout", proc, load, "killed after " + a.timeoutMinutes() + " min");
        }
        if (err.contains("OutOfMemoryError")) {
            return failed(tool, "OOM", proc, load, firstLine(err, "OutOfMemoryError"));
        }
        if (p.exitValue() != 0 || result == null) {
            return failed(tool, "failed", proc, load,
                    "exit " + p.exitValue() + ": " + firstLine(err, "") + " (see " + stderr + ")");
        }
        Map<String, String> m = parseResult(result);
        return new Run(tool, m.get("status"), Long.parseLong(m.get("wallNanos")) / 1e9, proc,
                Long.parseLong(m.get("segments")), Long.parseLong(m.get("claims")),
                Long.parseLong(m.get("heapPeakBytes")), Long.parseLong(m.get("oldPeakBytes")),
                Long.parseLong(m.get("liveAfterFullGcBytes")), Long.parseLong(m.get("fullGcs")),
                Long.parseLong(m.get("rssPeakKb")), Boolean.parseBoolean(m.get("rssReset")),
                Long.parseLong(m.get("gcCount")), Long.parseLong(m.get("gcMillis")),
                Long.parseLong(m.get("outputBytes")), load, "");
    }

    private static Run failed(String tool, String status, double proc, String load, String detail) {
        return new Run(tool, status, Double.NaN, proc, -1, -1, -1, -1, -1, -1, -1, false, -1, -1, -1, load, detail);
    }

    private static String firstLine(String text, String containing) {
        for (String l : text.split("\n")) {
            if (!l.isBlank() && l.contains(containing)) {
                return l.strip();
            }
        }
        return "";
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
                        + " output %s MB, load %s", r.wallSeconds(), r.procSeconds(), r.segments(), r.claims(),
                r.gcCount(), r.gcMillis(), r.fullGcs(), mb(r.outputBytes()), r.load());
    }

    static String table(List<Row> rows) {
        String[] head = {"file MB", "claims", "tool", "wall s", "MB/s", "claims/s", "peak heap MB", "live MB",
                "peak RSS MB", "process s", "load", "toothcomb/StAEDI"};
        List<String[]> body = new ArrayList<>();
        for (Row row : rows) {
            Run tc = find(row, "toothcomb");
            Run st = find(row, "staedi");
            String ratio = tc != null && st != null && tc.ok() && st.ok()
                    ? String.format(Locale.ROOT, "%.2fx", st.wallSeconds() / tc.wallSeconds()) : "";
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
                    fmt("%.1f", r.procSeconds()),
                    r.load(),
                    first ? ratio : ""
                });
                first = false;
            }
        }
        return render(head, body);
    }

    private static Run find(Row row, String tool) {
        return row.runs().stream().filter(r -> r.tool().equals(tool)).findFirst().orElse(null);
    }

    /** A GitHub-flavoured Markdown table, so it pastes into docs and issues as is; numbers right-aligned. */
    static String render(String[] head, List<String[]> body) {
        int[] w = new int[head.length];
        for (int i = 0; i < head.length; i++) {
            w[i] = head[i].length();
            for (String[] r : body) {
                w[i] = Math.max(w[i], r[i].length());
            }
        }
        StringBuilder sb = new StringBuilder();
        line(sb, head, w, false);
        sb.append('|');
        for (int i = 0; i < w.length; i++) {
            sb.append(i == 2 ? "-".repeat(w[i] + 2) : "-".repeat(w[i] + 1) + ":").append('|');
        }
        sb.append('\n');
        for (String[] r : body) {
            line(sb, r, w, true);
        }
        return sb.toString();
    }

    private static void line(StringBuilder sb, String[] cells, int[] w, boolean alignRight) {
        sb.append('|');
        for (int i = 0; i < cells.length; i++) {
            String c = cells[i];
            boolean right = alignRight && i != 2;
            String pad = " ".repeat(w[i] - c.length());
            sb.append(' ').append(right ? pad + c : c + pad).append(" |");
        }
        sb.append('\n');
    }

    static String notes(List<Row> rows, Args a) {
        StringBuilder sb = new StringBuilder();
        sb.append("MB = 10^6 bytes. wall s: the timed run inside the child JVM (after warm-up), median of ").append(a.repeat())
                .append("; process s: the whole child process (JVM start + warm-up + timed run).\n");
        sb.append("peak heap: sum over heap pools of each pool's peak after the warm-up (an upper bound, pools peak"
                + " at different times); live: the largest heap in use right after a full GC (the live set;"
                + " 'no full GC' = the old generation never filled).\n");
        sb.append("peak RSS: VmHWM of the child");
        boolean allReset = rows.stream().flatMap(r -> r.runs().stream()).filter(Run::ok).allMatch(Run::rssReset);
        sb.append(allReset ? ", reset after the warm-up.\n" : ", NOT resettable here, so it includes the warm-up.\n");
        sb.append("toothcomb/StAEDI: toothcomb's throughput over StAEDI's on the same file (above 1 = toothcomb"
                + " faster). toothcomb reads the file twice (envelope pass on a second thread) and writes 5 outputs;"
                + " StAEDI reads once and writes nothing.\n");
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
