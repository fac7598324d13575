package io.toothcomb.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
        assertEquals(Bench.TOOLS, d.tools());
        assertTrue(d.warmup());

        Bench.Args a = Bench.parse(new String[] {"10k", "--seed", "3", "1M", "--only", "staedi", "--no-warmup",
            "--repeat", "3", "--xmx", "1g", "--dir", "x", "100_000"});
        assertEquals(List.of(10_000L, 1_000_000L, 100_000L), a.claims());
        assertEquals(3, a.seed());
        assertEquals(List.of("staedi"), a.tools());
        assertFalse(a.warmup());
        assertEquals(3, a.repeat());
        assertEquals("1g", a.xmx());
        assertEquals(Path.of("x"), a.dir());
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
        Bench.Run tc = new Bench.Run("toothcomb", "ok", 2.0, 3.0, 100, 10, 50_000_000, 5_000_000, 4_000_000, 1, 80_000, true, 4, 20,
                1000, "0.5", "");
        Bench.Run st = new Bench.Run("staedi", "ok", 4.0, 5.0, 100, 10, 60_000_000, 6_000_000, -1, 0, 90_000, true, 4, 20,
                0, "0.6", "");
        Bench.Run oom = new Bench.Run("toothcomb", "OOM", Double.NaN, 9.0, -1, -1, -1, -1, -1, -1, -1, false, -1, -1, -1,
                "1.0", "java.lang.OutOfMemoryError");
        String t = Bench.table(List.of(
                new Bench.Row(Path.of("a.edi"), 10_000_000, 10_000, List.of(tc, st)),
                new Bench.Row(Path.of("b.edi"), 300_000_000, 1_000_000, List.of(oom, st))));
        String[] lines = t.split("\n");
        assertEquals(6, lines.length, t);
        assertTrue(lines[0].startsWith("| file MB |"), t);
        assertTrue(lines[1].matches("\\|(-+:?\\|)+"), t);
        assertTrue(lines[2].contains("| toothcomb |") && lines[2].contains(" 2.00 |") && lines[2].contains("2.00x"), t);
        assertTrue(lines[2].contains(" 5.0 |"), t); // 10 MB / 2 s
        assertTrue(lines[2].contains(" 5,000 |"), t); // 10,000 claims / 2 s
        assertTrue(lines[3].contains("| staedi "), t);
        assertTrue(lines[4].contains(" OOM |"), t);
        for (String l : lines) {
            assertEquals(lines[0].length(), l.length(), t);
        }
        String notes = Bench.notes(List.of(new Bench.Row(Path.of("b.edi"), 300_000_000, 1_000_000,
                List.of(oom, st))), Bench.parse(new String[0]));
        assertTrue(notes.contains("1M claims with -Xmx256m: DID NOT SUFFICE: OOM"), notes);
    }
}
