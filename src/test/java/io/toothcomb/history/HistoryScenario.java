package io.toothcomb.history;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.toothcomb.result.ScrubOptions;
import io.toothcomb.rules.FixtureFile;
import io.toothcomb.rules.engine.RuleEngine;
import io.toothcomb.scrub.Scrubber;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The multi-file history scenario, run against H2 ({@link HistoryTest}) and PostgreSQL ({@link HistoryPostgresTest}).
 * Files are scrubbed one after another through {@code scrub --history}'s code path; each claim's rule ids are read
 * back from NAME.findings.json.
 */
final class HistoryScenario {
    static final String PAYER = "TCHIST01";
    static final String PACK = """
            pack historytest
            match payer=TCHIST01
            rule HISTORY-D1354-FREQUENCY severity=error per-12-months=2 lifetime=4 min-interval-days=30
            rule HISTORY-APEX-SEQUENCE
            """;

    private final Path dir;
    private final String spec;
    private final String member;
    private int files;

    /** @param member a member id unique to this run, so runs against a shared database do not see each other */
    HistoryScenario(Path dir, String spec, String member) {
        this.dir = dir;
        this.spec = spec;
        this.member = member;
    }

    /** Scrubs one file made of {@code claims} (fixture syntax) and returns the rule ids found per CLM01. */
    java.util.Map<String, Set<String>> scrub(String claims) throws IOException {
        Path fixture = dir.resolve("f" + (files + 1) + ".claim");
        Files.writeString(fixture, "#! payer=" + PAYER + " filing=MC dob=20150304\n" + claims);
        return scrubX12(FixtureFile.read(fixture).toX12());
    }

    /**
     * Like {@link #scrub}, for any number of claims: the 837 allows at most 100 claims per subscriber loop, so the
     * claims are spread over as many subscriber loops of the same patient as they need.
     */
    java.util.Map<String, Set<String>> scrubMany(java.util.List<String> claims) throws IOException {
        Path fixture = dir.resolve("f" + (files + 1) + ".claim");
        Files.writeString(fixture, "#! payer=" + PAYER + " filing=MC dob=20150304\n" + claims.get(0));
        String one = FixtureFile.read(fixture).toX12();
        int firstClaim = one.indexOf("CLM*");
        int hl = one.indexOf("HL*2*1*22*0~");
        String subscriber = one.substring(one.indexOf('~', hl) + 1, firstClaim);
        int se = one.indexOf("SE*");
        StringBuilder b = new StringBuilder(one.substring(0, firstClaim));
        for (int i = 0; i < claims.size(); i++) {
            if (i > 0 && i % 90 == 0) {
                b.append("HL*").append(2 + i / 90).append("*1*22*0~\n").append(subscriber);
            }
            b.append(claims.get(i));
        }
        int st = b.indexOf("ST*");
        long segments = b.substring(st).chars().filter(c -> c == '~').count() + 1;
        String afterSe = one.substring(one.indexOf('~', se) + 1);
        b.append("SE*").append(segments).append("*0001~").append(afterSe);
        return scrubX12(b.toString());
    }

    /** Scrubs an 837 (this run's member id put in) and returns the rule ids found per CLM01. */
    java.util.Map<String, Set<String>> scrubX12(String x12Text) throws IOException {
        if (!x12Text.contains("ST*")) {
            throw new IllegalArgumentException("not an 837");
        }
        files++;
        Path packs = dir.resolve("packs");
        Files.createDirectories(packs);
        Files.writeString(packs.resolve("historytest.pack"), PACK);
        String x12 = x12Text.replace("MEMBER001", member);
        Path in = dir.resolve("in").resolve("batch" + files + ".edi");
        Files.createDirectories(in.getParent());
        Files.writeString(in, x12);
        RuleEngine engine = RuleEngine.load(packs);
        Path out = dir.resolve("out");
        try (HistoryScrub h = HistoryScrub.open(spec, engine)) {
            h.scrub(new Scrubber(engine, ScrubOptions.defaults()), in, out);
        }
        String json = Files.readString(out.resolve("batch" + files + ".findings.json"), StandardCharsets.UTF_8);
        java.util.Map<String, Set<String>> byClaim = new java.util.LinkedHashMap<>();
        Matcher m = Pattern.compile("\"id\"\\s*:\\s*\"([^\"]+)\"").matcher(json);
        int[] starts = m.results().mapToInt(r -> r.start()).toArray();
        m.reset();
        int i = 0;
        while (m.find()) {
            int end = i + 1 < starts.length ? starts[i + 1] : json.length();
            Set<String> rules = new TreeSet<>();
            Matcher r = Pattern.compile("\"rule\"\\s*:\\s*\"([^\"]+)\"").matcher(json.substring(m.start(), end));
            while (r.find()) {
                rules.add(r.group(1));
            }
            byClaim.put(m.group(1), rules);
            i++;
        }
        return byClaim;
    }

    static String claim(String id, String frequency, String f8, String code, String tooth, String date) {
        return "CLM*" + id + "*100***11:B:" + frequency + "*Y*A*Y*Y~\n"
                + (f8 == null ? "" : "REF*F8*" + f8 + "~\n")
                + "LX*1~\nSV3*AD:" + code + "*100****1~\nTOO*JP*" + tooth + "~\nDTP*472*D8*" + date + "~\n";
    }

    /** The whole scenario: caps across files, apexification across files, replacement, void, re-send. */
    void run() throws IOException {
        // file 1: two D1354 on tooth K (Jan, Apr) and the D3351 that opens apexification on tooth 8
        var f1 = scrub(claim("H1", "1", null, "D1354", "K", "20250110")
                + claim("H2", "1", null, "D1354", "K", "20250415")
                + claim("H3", "1", null, "D3351", "8", "20250201"));
        assertEquals(Set.of(), union(f1), "file 1 is clean: " + f1);

        // file 2: a third D1354 on K within 12 months crosses the cap; D3352 on 8 is fine (D3351 came in file 1);
        // D3352 on 9 has no D3351 anywhere
        var f2 = scrub(claim("H4", "1", null, "D1354", "K", "20250820")
                + claim("H5", "1", null, "D3352", "8", "20250301")
                + claim("H6", "1", null, "D3352", "9", "20250301"));
        // severity=error in the pack: H4 is rejected, so it is not recorded
        assertEquals(Set.of("HISTORY-D1354-FREQUENCY"), f2.get("H4"), "cap crossed: " + f2);
        assertEquals(Set.of(), f2.get("H5"), "D3351 in an earlier file: " + f2);
        assertEquals(Set.of("HISTORY-APEX-SEQUENCE"), f2.get("H6"), "no D3351 on tooth 9: " + f2);

        // file 3: the same file 1 claim H2 sent again: a re-send adds nothing, H4 would still cross the cap
        var f3 = scrub(claim("H2", "1", null, "D1354", "K", "20250415"));
        assertEquals(Set.of(), union(f3));
        var f3b = scrub(claim("H7", "1", null, "D1354", "K", "20250901"));
        assertEquals(Set.of("HISTORY-D1354-FREQUENCY"), f3b.get("H7"), "re-send must not lift the count: " + f3b);

        // file 4: H2 replaced (frequency 7, same CLM01) by a D1354 on tooth L: K now has only H1 recorded
        var f4 = scrub(claim("H2", "7", "PAYERCCN0002", "D1354", "L", "20250415"));
        assertEquals(Set.of(), union(f4));
        var f5 = scrub(claim("H8", "1", null, "D1354", "K", "20250910"));
        assertEquals(Set.of(), f5.get("H8"), "after the replacement K has one earlier application: " + f5);

        // file 6: the D3351 of file 1 voided: a D3352 on tooth 8 now has no D3351 before it
        var f6 = scrub(claim("H3", "8", "PAYERCCN0003", "D3351", "8", "20250201"));
        assertEquals(Set.of(), union(f6));
        var f7 = scrub(claim("H9", "1", null, "D3352", "8", "20250401"));
        assertEquals(Set.of("HISTORY-APEX-SEQUENCE"), f7.get("H9"), "void removed the D3351: " + f7);
        assertEquals(8, files, "every step ran");
    }

    private static Set<String> union(java.util.Map<String, Set<String>> m) {
        Set<String> all = new TreeSet<>();
        m.values().forEach(all::addAll);
        return all;
    }
}
