package io.toothcomb.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.toothcomb.generate.SyntheticBatch;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Argument parsing, the RESULT protocol and the table layout; nothing here is timed. Runs with -Pbench only. */
class BenchTest {

    @Test
    void defaultsAndOptions() {
        Bench.Args d = Bench.parse(new String[0]);
        assertEquals(List.of(10_000L, 100_000L, 1_000_000L), d.claims());
        assertEquals("256m", d.xmx());
        assertEquals(5, d.repeat(), "the median of five timed runs by default");
        assertEquals(Bench.TOOLS, d.tools());
        assertTrue(d.warmup());
        assertTrue(d.watch(), "no arguments: the watcher latency runs too");
        assertEquals(Bench.WATCH_FILES, d.watchFiles());
        assertEquals(Bench.WATCH_WARMUP, d.watchWarmup());

        Bench.Args a = Bench.parse(new String[] {"10k", "--seed", "3", "1M", "--only", "staedi", "--no-warmup",
            "--repeat", "3", "--xmx", "1g", "--dir", "x", "100_000"});
        assertEquals(List.of(10_000L, 1_000_000L, 100_000L), a.claims());
        assertEquals(3, a.seed());
        assertEquals(List.of("staedi"), a.tools());
        assertFalse(a.warmup());
        assertEquals(3, a.repeat());
        assertEquals("1g", a.xmx());
        assertEquals(Path.of("x"), a.dir());
        assertFalse(a.watch(), "sizes named: only those, as before");
        assertFalse(Bench.parse(new String[] {"10k", "100k", "1M"}).watch());
        assertTrue(Bench.parse(new String[] {"--repeat", "3"}).watch(), "options only: everything");
    }

    @Test
    void toolsTakeTurnsForTheGuideChecksCost() {
        Bench.Args a = Bench.parse(new String[] {"1M", "--only", "toothcomb,toothcomb-noguide", "--rounds", "5"});
        assertEquals(List.of("toothcomb", "toothcomb-noguide"), a.tools());
        assertEquals(5, a.rounds());
        assertEquals(1, Bench.parse(new String[] {"1M"}).rounds());
        assertThrows(IllegalArgumentException.class, () -> Bench.parse(new String[] {"--rounds", "0"}));
        assertThrows(IllegalArgumentException.class,
                () -> Bench.parse(new String[] {"--only", "toothcomb,toothcomb-guideless"}));
        // three rounds: 11/10, 12/10 and a failed run without the checks (left out); the median of 1.1 and 1.2
        List<Bench.Run> with = List.of(wall("toothcomb", 11.0), wall("toothcomb", 12.0), wall("toothcomb", 9.0));
        List<Bench.Run> without = List.of(wall("toothcomb-noguide", 10.0), wall("toothcomb-noguide", 10.0),
                wall("toothcomb-noguide", Double.NaN));
        assertEquals("guide checks: wall time with over without 1.150x (median of 2 round(s): 1.100, 1.200), "
                + "throughput 13.0% lower", Bench.guideCost(with, without));
        // with the children's CPU seconds, the set workers' and the whole process's ratios too
        List<Bench.Run> withCpu = List.of(cpu(11.0, "process:12.0,main:0.5,set-1:4.5,set-2:4.5,other:2.5"),
                cpu(12.0, "process:13.0,main:0.5,set-1:5.0,set-2:5.0,other:2.5"));
        List<Bench.Run> withoutCpu = List.of(cpu(10.0, "process:10.0,main:0.5,set-1:4.0,set-2:4.0,other:1.5"),
                cpu(10.0, "process:11.0,main:0.5,set-1:4.0,set-2:4.0,other:2.5"));
        assertEquals("guide checks: wall time with over without 1.150x (median of 2 round(s): 1.100, 1.200), "
                + "throughput 13.0% lower; CPU with over without: the set workers 1.188x (median of 2: 1.125, "
                + "1.250), the whole process 1.191x", Bench.guideCost(withCpu, withoutCpu));
        assertEquals(9.0, ThreadCpu.seconds("process:12.0,main:0.5,set-1:4.5,set-2:4.5", "set-"), 1e-9);
        assertEquals(0.0, ThreadCpu.seconds("", "set-"), 1e-9);
        assertEquals(11.0, Bench.median(with).wallSeconds(), "the middle of 9, 11 and 12");
        assertEquals(10.0, Bench.median(without).wallSeconds(), "a failed run counts as the slowest");
    }

    private static Bench.Run cpu(double seconds, String cpu) {
        return new Bench.Run("toothcomb", "ok", seconds, seconds, seconds, 100, 10, -1, -1, -1, 0, -1, false, 0, 0, -1,
                "0", "", cpu, -1);
    }

    private static Bench.Run wall(String tool, double seconds) {
        return new Bench.Run(tool, Double.isNaN(seconds) ? "OOM" : "ok", seconds, seconds, seconds, 100, 10, -1, -1,
                -1, 0, -1, false, 0, 0, -1, "0", "", "", -1);
    }

    @Test
    void watchAloneOrWithSizes() {
        Bench.Args w = Bench.parse(new String[] {"watch"});
        assertTrue(w.watch());
        assertEquals(List.of(), w.claims());
        Bench.Args both = Bench.parse(new String[] {"10k", "--watch", "--watch-files", "50", "--watch-warmup", "0"});
        assertTrue(both.watch());
        assertEquals(List.of(10_000L), both.claims());
        assertEquals(50, both.watchFiles());
        assertEquals(0, both.watchWarmup());
        assertThrows(IllegalArgumentException.class, () -> Bench.parse(new String[] {"--watch-files", "0"}));
        assertThrows(IllegalArgumentException.class, () -> Bench.parse(new String[] {"--watch-warmup", "-1"}));
        assertThrows(IllegalArgumentException.class, () -> Bench.parse(new String[] {"--watch-files"}));
    }

    @Test
    void percentileIsNearestRank() {
        long[] v = new long[100];
        for (int i = 0; i < v.length; i++) {
            v[i] = i + 1;
        }
        assertEquals(50, Bench.percentile(v, 0.50));
        assertEquals(95, Bench.percentile(v, 0.95));
        assertEquals(100, Bench.percentile(v, 1.0));
        assertEquals(7, Bench.percentile(new long[] {7}, 0.95));
        assertEquals(2, Bench.percentile(new long[] {1, 2, 3}, 0.5));
    }

    private static Bench.Latency latency(String history, double p50, double p95, double max) {
        long ms = 1_000_000;
        return new Bench.Latency(history, "ok", 200, 30, (long) (p50 * ms), (long) (p95 * ms), (long) (max * ms),
                max >= 20 ? 1 : 0, (long) (p50 * ms) + 2 * ms, (long) (p95 * ms) + 2 * ms, (long) (max * ms) + 2 * ms,
                max + 2 >= 20 ? 1 : 0, 4 * ms, 5 * ms, 3 * ms, 5 * ms, 9 * ms, 0, 1, 3, 900 * ms, 2, "ext4", 12.5, "0.8",
                "");
    }

    @Test
    void latencyTableAndVerdict() {
        Bench.Latency h2 = latency("h2", 9.0, 14.5, 31.25);
        Bench.Latency none = latency("none", 6.0, 8.0, 12.0);
        Bench.Latency dead = new Bench.Latency("h2", "timeout", 200, 30, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1,
                -1, -1, -1, -1, -1, -1, -1, "", 7200, "3.0", "killed after 120 min");
        String t = Bench.latencyTable(List.of(h2, none, dead));
        String[] lines = t.split("\n");
        assertEquals(5, lines.length, t);
        assertTrue(lines[0].startsWith("| history ") && lines[0].contains("| outputs p50 ms |")
                && lines[0].contains("| archived max ms |") && lines[0].contains("| target < 20 ms "), t);
        assertTrue(lines[1].startsWith("|---") && lines[1].matches("\\|(-+:?\\|)+"), t);
        assertTrue(lines[1].startsWith("|" + "-".repeat("H2 (default)".length() + 2) + "|"), "history left-aligned: " + t);
        assertTrue(lines[2].startsWith("| H2 (default) |") && lines[2].contains(" 9.0 |") && lines[2].contains(" 14.5 |")
                && lines[2].contains(" 31.3 |") && lines[2].contains(" 33.3 |") && lines[2].contains(" 1 / 1 |")
                && lines[2].contains("|            4.0 |                  3.0 |")
                && lines[2].contains(" met at p95 |"), t);
        assertTrue(lines[3].startsWith("| none ") && lines[3].contains(" met (every file) |"), t);
        assertTrue(lines[4].contains(" timeout |"), t);
        for (String l : lines) {
            assertEquals(lines[0].length(), l.length(), t);
        }
        assertEquals("NOT met", Bench.verdict(latency("h2", 25, 30, 40)));
        assertEquals("median only", Bench.verdict(latency("h2", 15, 30, 40)));
        String notes = Bench.latencyNotes(List.of(h2, dead), Bench.parse(new String[] {"watch"}));
        assertTrue(notes.contains("200 one-claim files") && notes.contains("watch, history h2: timeout"), notes);
    }

    @Test
    void oneClaimFilesGetDistinctControlNumbersAndClaimIds() throws Exception {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        SyntheticBatch.write(1, 1, b);
        byte[] edi = b.toByteArray();
        String isa13 = BenchChild.isa13(edi);
        assertTrue(isa13.matches("[0-9]{9}"), isa13);
        int length = edi.length;
        BenchChild.setClaimId(edi, 42);
        assertEquals(length, edi.length);
        String text = new String(edi, StandardCharsets.US_ASCII);
        assertTrue(text.contains("CLM*TC000000042*"), text);
        ByteArrayOutputStream c = new ByteArrayOutputStream();
        SyntheticBatch.write(1, 2, c);
        assertFalse(isa13.equals(BenchChild.isa13(c.toByteArray())), "another seed, another ISA13");
    }

    @Test
    void badArguments() {
        assertThrows(IllegalArgumentException.class, () -> Bench.parse(new String[] {"--frobnicate"}));
        assertThrows(IllegalArgumentException.class, () -> Bench.parse(new String[] {"ten"}));
        assertThrows(IllegalArgumentException.class, () -> Bench.parse(new String[] {"0"}));
        assertThrows(IllegalArgumentException.class, () -> Bench.parse(new String[] {"--only", "smooks"}));
        assertThrows(IllegalArgumentException.class, () -> Bench.parse(new String[] {"--xmx", "lots"}));
        assertThrows(IllegalArgumentException.class, () -> Bench.parse(new String[] {"--seed"}));
    }

    @Test
    void cacheKeyIsClaimsAndSeed() {
        assertEquals(Path.of("d", "claims-100000-seed-7.edi"), Bench.cachedFile(Path.of("d"), 100_000, 7));
    }

    @Test
    void resultLineRoundTrips() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("status", "ok");
        m.put("wallNanos", "123");
        m.put("note", "two words");
        Map<String, String> back = Bench.parseResult(Bench.formatResult(m));
        assertEquals("ok", back.get("status"));
        assertEquals("123", back.get("wallNanos"));
        assertEquals("two_words", back.get("note"));
    }

    @Test
    void tableHasOneRowPerRunAndTheRatio() {
        Bench.Run tc = new Bench.Run("toothcomb", "ok", 2.0, 4.0, 3.0, 100, 10, 50_000_000, 5_000_000, 4_000_000, 1, 80_000, true, 4, 20,
                1000, "0.5", "", "process:3.10,main:1.20,rules:0.80,xml:0.70,other:0.40", -1);
        Bench.Run hist = new Bench.Run("toothcomb-history", "ok", 3.0, 5.0, 4.0, 100, 10, 50_000_000, 5_000_000, -1, 0,
                95_000, true, 4, 20, 1000, "0.5", "", "process:4.00", 7_300_000);
        Bench.Run st = new Bench.Run("staedi", "ok", 4.0, 4.4, 5.0, 100, 10, 60_000_000, 6_000_000, -1, 0, 90_000, true, 4, 20,
                0, "0.6", "", "process:4.20,main:4.00,other:0.20", -1);
        Bench.Run oom = new Bench.Run("toothcomb", "OOM", Double.NaN, Double.NaN, 9.0, -1, -1, -1, -1, -1, -1, -1, false, -1, -1, -1,
                "1.0", "java.lang.OutOfMemoryError", "", -1);
        String t = Bench.table(List.of(
                new Bench.Row(Path.of("a.edi"), 10_000_000, 10_000, List.of(tc, hist, st)),
                new Bench.Row(Path.of("b.edi"), 300_000_000, 1_000_000, List.of(oom, st))));
        String[] lines = t.split("\n");
        assertEquals(7, lines.length, t);
        assertTrue(lines[0].startsWith("| file MB |"), t);
        assertTrue(lines[1].matches("\\|(-+:?\\|)+"), t);
        assertTrue(lines[2].matches("\\|.*\\| toothcomb +\\|.*") && lines[2].contains(" 2.00 |") && lines[2].contains("2.00x"), t);
        assertTrue(lines[2].contains(" 5.0 |"), t); // 10 MB / 2 s
        assertTrue(lines[2].matches(".*\\| +4\\.00 \\| +1\\.10x \\|"), t); // first runs: 4.4 s against 4.0 s
        assertTrue(lines[2].contains(" 5,000 |"), t); // 10,000 claims / 2 s
        assertTrue(lines[3].contains("| toothcomb-history |") && lines[3].contains(" 7.3 |"), t); // history DB MB
        assertTrue(lines[4].contains("| staedi "), t);
        assertTrue(lines[5].contains(" OOM |"), t);
        for (String l : lines) {
            assertEquals(lines[0].length(), l.length(), t);
        }
        String notes = Bench.notes(List.of(new Bench.Row(Path.of("b.edi"), 300_000_000, 1_000_000,
                List.of(oom, st))), Bench.parse(new String[0]));
        assertTrue(notes.contains("1M claims with -Xmx256m: DID NOT SUFFICE: OOM"), notes);
        String cpu = Bench.notes(List.of(new Bench.Row(Path.of("a.edi"), 10_000_000, 10_000, List.of(tc, st))),
                Bench.parse(new String[0]));
        assertTrue(cpu.contains("CPU seconds per timed run, toothcomb, 10,000 claims: 3.10 s = main 1.20 + rules 0.80"
                + " + xml 0.70 + JIT, GC and VM 0.40\n"), cpu);
    }
}
