package io.toothcomb.generate;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

class SyntheticBatchTest {

    private static final Pattern VALID_TOOTH =
            Pattern.compile("[1-9]|[12][0-9]|3[0-2]|5[1-9]|[67][0-9]|8[0-2]|[A-T]|[A-T]S");
    private static final Set<String> TOOTH_REQUIRED = Set.of(
            "D1351", "D1354", "D2140", "D2150", "D2160", "D2161", "D2330", "D2331", "D2332", "D2335",
            "D2391", "D2392", "D2393", "D2394", "D2740", "D2930", "D3310", "D3320", "D3330", "D7140");
    private static final Map<String, int[]> SURFACE_COUNT = Map.ofEntries(
            Map.entry("D2140", new int[] {1, 1}), Map.entry("D2150", new int[] {2, 2}),
            Map.entry("D2160", new int[] {3, 3}), Map.entry("D2161", new int[] {4, 5}),
            Map.entry("D2330", new int[] {1, 1}), Map.entry("D2331", new int[] {2, 2}),
            Map.entry("D2332", new int[] {3, 3}), Map.entry("D2335", new int[] {4, 5}),
            Map.entry("D2391", new int[] {1, 1}), Map.entry("D2392", new int[] {2, 2}),
            Map.entry("D2393", new int[] {3, 3}), Map.entry("D2394", new int[] {4, 5}));

    // ---------------------------------------------------------------------------------------------- helpers

    private static byte[] generate(int claims, long seed, SyntheticBatch.Options options) throws IOException {
        ByteArrayOutputStream bos = new ByteArrayOutputStream();
        SyntheticBatch.write(claims, seed, options, bos);
        return bos.toByteArray();
    }

    private static byte[] generate(int claims, long seed) throws IOException {
        return generate(claims, seed, SyntheticBatch.Options.defaults());
    }

    /** Splits on the "~\n" every segment ends with; fails if the text does not end with one. */
    private static List<String[]> segments(byte[] bytes) {
        String text = new String(bytes, StandardCharsets.US_ASCII);
        assertTrue(text.endsWith("~\n"), "last segment must end with ~ and a line feed");
        String[] raw = text.substring(0, text.length() - 2).split("~\n", -1);
        List<String[]> out = new ArrayList<>(raw.length);
        for (String s : raw) {
            assertFalse(s.isEmpty() || s.indexOf('~') >= 0 || s.indexOf('\n') >= 0, "malformed segment: " + s);
            out.add(s.split("\\*", -1));
        }
        return out;
    }

    private static long count(List<String[]> segs, String tag) {
        return segs.stream().filter(s -> s[0].equals(tag)).count();
    }

    private static String el(String[] s, int i) {
        return i < s.length ? s[i] : "";
    }

    private static boolean anterior(String tooth) {
        char c = tooth.charAt(0);
        if (Character.isLetter(c)) {
            return (c >= 'C' && c <= 'H') || (c >= 'M' && c <= 'R');
        }
        int n = Integer.parseInt(tooth);
        return (n >= 6 && n <= 11) || (n >= 22 && n <= 27);
    }

    /** Envelope check: returns the number of transactions. */
    private static int checkEnvelope(byte[] bytes, List<String[]> segs, int maxClaimsPerSt) {
        String text = new String(bytes, StandardCharsets.US_ASCII);
        assertEquals('~', text.charAt(105), "ISA must be 106 characters including its terminator");
        String[] isa = segs.get(0);
        assertEquals("ISA", isa[0]);
        assertEquals(17, isa.length);
        assertEquals(":", isa[16]);
        String[] gs = segs.get(1);
        assertEquals("GS", gs[0]);
        assertEquals("005010X224A2", gs[8]);

        int st = 0;
        int stIndex = -1;
        String stControl = null;
        int claimsInSt = 0;
        Set<String> stControls = new HashSet<>();
        for (int i = 2; i < segs.size(); i++) {
            String[] s = segs.get(i);
            switch (s[0]) {
                case "ST" -> {
                    assertEquals(-1, stIndex, "ST inside an open transaction at segment " + i);
                    assertEquals("837", s[1]);
                    assertEquals("005010X224A2", s[3]);
                    assertTrue(stControls.add(s[2]), "duplicate ST02 " + s[2]);
                    stIndex = i;
                    stControl = s[2];
                    claimsInSt = 0;
                    st++;
                }
                case "CLM" -> claimsInSt++;
                case "SE" -> {
                    assertTrue(stIndex >= 0, "SE without ST");
                    int counted = i - stIndex + 1;
                    assertEquals(String.valueOf(counted), s[1], "SE01 of transaction " + stControl);
                    assertEquals(stControl, s[2], "SE02 must repeat ST02");
                    assertTrue(claimsInSt >= 1 && claimsInSt <= maxClaimsPerSt, "claims in ST " + claimsInSt);
                    stIndex = -1;
                }
                case "GE" -> {
                    assertEquals(-1, stIndex, "GE inside a transaction");
                    assertEquals(String.valueOf(st), s[1], "GE01");
                    assertEquals(gs[6], s[2], "GE02");
                    assertEquals(segs.size() - 2, i, "GE must be the second-to-last segment");
                }
                case "IEA" -> {
                    assertEquals("1", s[1]);
                    assertEquals(isa[13], s[2]);
                    assertEquals(segs.size() - 1, i);
                }
                case "ISA", "GS" -> fail("second envelope header at segment " + i);
                default -> assertTrue(stIndex >= 0, "segment outside a transaction: " + String.join("*", s));
            }
        }
        return st;
    }

    /** Counts the defects a scrubber would find, by its own reading of each service line. */
    private static final class DefectCount {
        long missingTooth;
        long invalidTooth;
        long d1354Quantity;
        long d1354MultiTooth;
        long claimsWithDefects;
        long claimsWithSeveralQuadrants;

        long[] asArray() {
            return new long[] {missingTooth, invalidTooth, d1354Quantity, d1354MultiTooth};
        }
    }

    /** Walks claims and lines; checks structure and clinical consistency of the clean lines; counts defects. */
    private static DefectCount checkContent(List<String[]> segs) {
        DefectCount d = new DefectCount();
        Set<String> hls = new HashSet<>();
        Map<String, String> hlLevel = new HashMap<>();
        Set<String> pcns = new HashSet<>();
        Set<String> lineControls = new HashSet<>();
        String lastHlLevel = null;
        String lastHlChildCode = null;
        String subscriberChildCode = null;
        String sbr02 = null;
        int patientBirth = 0;
        int subscriberBirth = 0;

        String[] clm = null;
        BigDecimal lineSum = BigDecimal.ZERO;
        int claimDefects = 0;
        String code = null;
        String qty = null;
        List<String[]> too = new ArrayList<>();
        String sv304 = null;
        String charge = null;
        String npi = null;
        Map<String, BigDecimal> d1354UnitFee = new HashMap<>();
        List<String> claimCodes = new ArrayList<>();
        Set<String> claimQuadrants = new HashSet<>();
        Set<String> claimTeeth = new HashSet<>();
        boolean lineDtp = false;
        boolean lineRef = false;
        int dos = 0;

        List<String[]> all = new ArrayList<>(segs);
        all.add(new String[] {"<END>"});
        for (String[] s : all) {
            String tag = s[0];
            boolean closesLine = code != null && (tag.equals("LX") || tag.equals("HL") || tag.equals("CLM")
                    || tag.equals("SE") || tag.equals("<END>"));
            if (closesLine) {
                claimDefects += closeLine(d, code, qty, too, sv304, lineDtp, lineRef);
                claimCodes.add(code);
                if (!sv304.isEmpty()) {
                    assertTrue(claimQuadrants.add(sv304), "quadrant " + sv304 + " twice on one claim");
                }
                for (String[] t : too) {
                    if (VALID_TOOTH.matcher(t[2]).matches()) {
                        assertTrue(claimTeeth.add(t[2]), "tooth " + t[2] + " on two lines of one claim");
                    }
                }
                if (code.equals("D1354")) {
                    // One fee per tooth per practice: a line covering several teeth (or units) charges for each.
                    int units = Math.max(Integer.parseInt(qty), Math.max(1, too.size()));
                    BigDecimal unit = new BigDecimal(charge).divide(BigDecimal.valueOf(units));
                    BigDecimal seen = d1354UnitFee.putIfAbsent(npi, unit);
                    assertTrue(seen == null || seen.compareTo(unit) == 0,
                            "D1354 per-tooth fee " + unit + " vs " + seen + " at " + npi);
                }
                code = null;
            }
            boolean closesClaim = clm != null && (tag.equals("HL") || tag.equals("CLM") || tag.equals("SE")
                    || tag.equals("<END>"));
            if (closesClaim) {
                assertEquals(new BigDecimal(clm[2]), lineSum, "CLM02 must equal the sum of SV302 for " + clm[1]);
                assertTrue(claimDefects <= 1, "at most one injected defect per claim: " + clm[1]);
                if (claimDefects > 0) {
                    d.claimsWithDefects++;
                }
                checkSameVisit(claimCodes, clm[1]);
                if (claimQuadrants.size() > 1) {
                    d.claimsWithSeveralQuadrants++;
                }
                clm = null;
            }
            switch (tag) {
                case "ST" -> {
                    hls.clear();
                    hlLevel.clear();
                }
                case "HL" -> {
                    assertTrue(hls.add(s[1]), "duplicate HL01 " + s[1]);
                    assertEquals(String.valueOf(hls.size()), s[1], "HL01 numbers are sequential");
                    if (!s[2].isEmpty()) {
                        assertTrue(hls.contains(s[2]), "HL02 refers to an unknown parent " + s[2]);
                    }
                    switch (s[3]) {
                        case "20" -> assertEquals("", s[2]);
                        case "22" -> {
                            assertEquals("20", hlLevel.get(s[2]));
                            subscriberChildCode = s[4];
                        }
                        case "23" -> {
                            assertEquals("22", hlLevel.get(s[2]));
                            assertEquals("1", subscriberChildCode, "2000C under a subscriber with HL04=0");
                            assertEquals("0", s[4]);
                        }
                        default -> fail("unexpected HL03 " + s[3]);
                    }
                    hlLevel.put(s[1], s[3]);
                    lastHlLevel = s[3];
                    lastHlChildCode = s[4];
                }
                case "SBR" -> {
                    sbr02 = s[2];
                    assertEquals("0".equals(lastHlChildCode) ? "18" : "", sbr02,
                            "SBR02 is 18 exactly when the subscriber is the patient");
                    assertFalse(el(s, 9).isEmpty(), "SBR09 filing indicator");
                }
                case "DMG" -> {
                    int birth = Integer.parseInt(s[2]);
                    if ("22".equals(lastHlLevel)) {
                        subscriberBirth = birth;
                    }
                    patientBirth = birth;
                }
                case "CLM" -> {
                    if ("22".equals(lastHlLevel)) {
                        assertEquals("0", lastHlChildCode, "claim at 2000B only when the subscriber is the patient");
                        assertEquals(subscriberBirth, patientBirth);
                    } else {
                        assertEquals("23", lastHlLevel);
                    }
                    assertTrue(pcns.add(s[1]), "duplicate CLM01 " + s[1]);
                    assertTrue(s[5].equals("11:B:1") || s[5].equals("11:B:7"), "CLM05 " + s[5]);
                    clm = s;
                    claimCodes.clear();
                    claimQuadrants.clear();
                    claimTeeth.clear();
                    lineSum = BigDecimal.ZERO;
                    claimDefects = 0;
                    dos = 0;
                }
                case "DTP" -> {
                    if (s[1].equals("472")) {
                        int date = Integer.parseInt(s[3]);
                        assertTrue(date >= 20250101 && date <= 20261231, "DOS in 2025-2026: " + date);
                        assertTrue(date > patientBirth, "DOS after the patient's birth");
                        if (code == null) {
                            dos = date;
                        } else {
                            assertEquals(dos, date, "line DOS equals claim DOS");
                            lineDtp = true;
                        }
                    } else {
                        assertEquals("441", s[1]);
                    }
                }
                case "REF" -> {
                    if (s[1].equals("6R")) {
                        assertTrue(code != null, "REF*6R outside a line");
                        assertTrue(lineControls.add(s[2]), "duplicate REF*6R " + s[2]);
                        lineRef = true;
                    } else if (s[1].equals("F8")) {
                        assertTrue(clm != null && code == null && clm[5].endsWith(":7"),
                                "REF*F8 only on replacement claims");
                    } else {
                        assertEquals("EI", s[1], "REF qualifier");
                        assertEquals("20", lastHlLevel, "REF*EI belongs to the billing provider");
                    }
                }
                case "LX" -> {
                    assertTrue(clm != null, "LX outside a claim");
                    code = "";
                    too.clear();
                    qty = null;
                    sv304 = null;
                    lineDtp = false;
                    lineRef = false;
                }
                case "SV3" -> {
                    assertTrue(s[1].startsWith("AD:D"), "SV301 " + s[1]);
                    code = s[1].substring(3);
                    lineSum = lineSum.add(new BigDecimal(s[2]));
                    charge = s[2];
                    sv304 = el(s, 4);
                    qty = el(s, 6);
                    String pros = el(s, 5);
                    assertTrue(pros.isEmpty() || code.equals("D2740"), "SV305 only on crowns");
                }
                case "NM1" -> {
                    if (s[1].equals("85")) {
                        assertEquals("XX", s[8]);
                        npi = s[9];
                    }
                }
                case "TOO" -> {
                    assertEquals("JP", s[1]);
                    too.add(s);
                }
                default -> {
                }
            }
        }
        return d;
    }

    /** Once-per-visit procedures appear at most once, and prophylaxis never with scaling and root planing. */
    private static void checkSameVisit(List<String> codes, String pcn) {
        long exams = codes.stream().filter(c -> c.equals("D0120") || c.equals("D0150")).count();
        long prophy = codes.stream().filter(c -> c.equals("D1110") || c.equals("D1120")).count();
        long srp = codes.stream().filter(c -> c.equals("D4341") || c.equals("D4342")).count();
        long bwx = codes.stream().filter(c -> c.equals("D0274")).count();
        long fluoride = codes.stream().filter(c -> c.equals("D1206") || c.equals("D1208")).count();
        assertTrue(exams <= 1 && prophy <= 1 && bwx <= 1 && fluoride <= 1, "same-visit duplicates on " + pcn + " " + codes);
        assertFalse(prophy > 0 && srp > 0, "prophylaxis with SRP on " + pcn);
    }

    /** Returns 1 if the line carries a defect, after checking the clean parts of the line. */
    private static int closeLine(DefectCount d, String code, String qty, List<String[]> too, String sv304,
                                 boolean lineDtp, boolean lineRef) {
        assertTrue(lineDtp, "line DTP*472 on " + code);
        assertTrue(lineRef, "line REF*6R on " + code);
        int defects = 0;
        if (TOOTH_REQUIRED.contains(code) && too.isEmpty()) {
            d.missingTooth++;
            defects++;
        }
        boolean invalid = false;
        for (String[] t : too) {
            if (!VALID_TOOTH.matcher(t[2]).matches()) {
                invalid = true;
            }
        }
        if (invalid) {
            d.invalidTooth++;
            defects++;
        }
        if (code.equals("D1354") && Integer.parseInt(qty) > 1) {
            d.d1354Quantity++;
            defects++;
        }
        if (code.equals("D1354") && too.size() > 1) {
            d.d1354MultiTooth++;
            defects++;
        }
        if (!code.equals("D1354")) {
            assertEquals("1", qty, "SV306 on " + code);
            assertTrue(too.size() <= 1, "one tooth per line on " + code);
        }
        if (code.equals("D4341") || code.equals("D4342")) {
            assertTrue(Set.of("10", "20", "30", "40").contains(sv304), "quadrant on " + code + ": " + sv304);
            assertTrue(too.isEmpty(), "no TOO with a quadrant");
        } else {
            assertEquals("", sv304, "SV304 only on quadrant codes");
        }
        if (!TOOTH_REQUIRED.contains(code)) {
            assertTrue(too.isEmpty(), "no tooth on whole-mouth code " + code);
        }
        if (!invalid && too.size() == 1) {
            String tooth = too.get(0)[2];
            String surfaces = el(too.get(0), 3).replace(":", "");
            int[] range = SURFACE_COUNT.get(code);
            if (range != null) {
                assertTrue(surfaces.length() >= range[0] && surfaces.length() <= range[1],
                        code + " with surfaces " + surfaces);
            } else if (!code.equals("D1351")) {
                assertEquals("", surfaces, "no surfaces on " + code);
            } else {
                assertEquals("O", surfaces, "sealant surface");
            }
            assertEquals(surfaces.length(), surfaces.chars().distinct().count(), "repeated surface " + surfaces);
            for (char c : surfaces.toCharArray()) {
                assertTrue("MOIDBFL".indexOf(c) >= 0, "surface letter " + c);
                if (c == 'O' || c == 'B') {
                    assertFalse(anterior(tooth), c + " on anterior tooth " + tooth + " for " + code);
                }
                if (c == 'I' || c == 'F') {
                    assertTrue(anterior(tooth), c + " on posterior tooth " + tooth + " for " + code);
                }
            }
        }
        return defects;
    }

    // ------------------------------------------------------------------------------------------------ tests

    @Test
    void sameSeedGivesIdenticalBytes() throws IOException {
        ByteArrayOutputStream a = new ByteArrayOutputStream();
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        SyntheticBatch.Summary sa = SyntheticBatch.write(7_000, 42L, a);
        SyntheticBatch.Summary sb = SyntheticBatch.write(7_000, 42L, b);
        assertArrayEquals(a.toByteArray(), b.toByteArray());
        assertEquals(sa, sb);
    }

    @Test
    void differentSeedGivesDifferentBytes() throws IOException {
        byte[] a = generate(2_000, 42L);
        byte[] b = generate(2_000, 43L);
        assertFalse(Arrays.equals(a, b));
        // Different content, not just a different control number: compare from the first CLM onwards.
        String ta = new String(a, StandardCharsets.US_ASCII);
        String tb = new String(b, StandardCharsets.US_ASCII);
        assertFalse(ta.substring(ta.indexOf("\nCLM*")).equals(tb.substring(tb.indexOf("\nCLM*"))));
    }

    @Test
    void claimCountIsExactAndTransactionsAreSplit() throws IOException {
        for (int n : new int[] {1, 2, 4_999, 5_000, 5_001, 12_345}) {
            ByteArrayOutputStream bos = new ByteArrayOutputStream();
            SyntheticBatch.Summary s = SyntheticBatch.write(n, n * 31L, bos);
            byte[] bytes = bos.toByteArray();
            List<String[]> segs = segments(bytes);
            assertEquals(n, count(segs, "CLM"), "CLM segments for n=" + n);
            assertEquals(n, s.claims());
            int expectedSt = (n + 4_999) / 5_000;
            assertEquals(expectedSt, checkEnvelope(bytes, segs, 5_000), "transactions for n=" + n);
            assertEquals(expectedSt, s.transactions());
            assertEquals(segs.size(), s.segments());
            assertEquals(bytes.length, s.bytes());
            assertEquals(count(segs, "SV3"), s.serviceLines());
        }
    }

    @Test
    void everyTransactionHasCorrectSegmentCountWithSmallTransactions() throws IOException {
        SyntheticBatch.Options options = new SyntheticBatch.Options(700, 0.04);
        byte[] bytes = generate(15_000, 5L, options);
        List<String[]> segs = segments(bytes);
        assertEquals(22, checkEnvelope(bytes, segs, 700));
        assertEquals(15_000, count(segs, "CLM"));
    }

    @Test
    void contentIsConsistentAndDefectsMatchTheSummary() throws IOException {
        ByteArrayOutputStream bos = new ByteArrayOutputStream();
        SyntheticBatch.Summary s = SyntheticBatch.write(20_000, 2026L, bos);
        List<String[]> segs = segments(bos.toByteArray());
        DefectCount d = checkContent(segs);

        assertArrayEquals(s.defects(), d.asArray(), "defects found by reading the file vs the summary");
        assertEquals(s.totalDefects(), d.claimsWithDefects);
        double rate = d.claimsWithDefects / 20_000.0;
        assertTrue(rate > 0.03 && rate < 0.05, "defect rate " + rate);
        for (long k : d.asArray()) {
            assertTrue(k > 100, "each defect kind is represented: " + Arrays.toString(d.asArray()));
        }

        assertTrue(d.claimsWithSeveralQuadrants > 0, "some claims treat several quadrants");
        double linesPerClaim = count(segs, "SV3") / 20_000.0;
        assertTrue(linesPerClaim > 1.25 && linesPerClaim < 1.40, "lines per claim " + linesPerClaim);

        // The mix the brief asks for.
        assertTrue(segs.stream().filter(x -> x[0].equals("NM1") && x[1].equals("85")).map(x -> x[9])
                .distinct().count() >= 5, "several billing providers");
        assertTrue(segs.stream().anyMatch(x -> x[0].equals("PAT") && x[1].equals("19")), "PAT*19");
        assertTrue(segs.stream().anyMatch(x -> x[0].equals("PAT") && x[1].equals("01")), "PAT*01");
        assertTrue(segs.stream().anyMatch(x -> x[0].equals("HL") && x[3].equals("22") && x[4].equals("0")));
        assertTrue(segs.stream().anyMatch(x -> x[0].equals("NTE") && x[1].equals("ADD")), "NTE*ADD");
        assertTrue(segs.stream().anyMatch(x -> x[0].equals("PWK") && x[5].equals("AC") && !x[6].isEmpty()), "PWK");
        assertTrue(segs.stream().anyMatch(x -> x[0].equals("REF") && x[1].equals("F8")), "REF*F8");
        assertTrue(segs.stream().anyMatch(x -> x[0].equals("SV3") && el(x, 4).equals("30")), "SV304 quadrant");
        assertTrue(segs.stream().anyMatch(x -> x[0].equals("SV3") && el(x, 5).equals("R")), "SV305 R");
        assertTrue(segs.stream().anyMatch(x -> x[0].equals("DTP") && x[1].equals("441")), "prior placement date");
        Set<String> filing = new HashSet<>();
        segs.stream().filter(x -> x[0].equals("SBR")).forEach(x -> filing.add(x[9]));
        assertTrue(filing.containsAll(Set.of("CI", "MC", "BL")), "filing indicators " + filing);
        Set<String> codes = new HashSet<>();
        segs.stream().filter(x -> x[0].equals("SV3")).forEach(x -> codes.add(x[1].substring(3)));
        assertTrue(codes.containsAll(Set.of("D0120", "D0150", "D0274", "D1110", "D1120", "D1206", "D1208", "D1351",
                "D1354", "D2140", "D2391", "D2392", "D2740", "D3310", "D3320", "D3330", "D4341", "D7140")),
                "code mix " + codes);
        Set<String> years = new HashSet<>();
        segs.stream().filter(x -> x[0].equals("DTP") && x[1].equals("472")).forEach(x -> years.add(x[3].substring(0, 4)));
        assertEquals(Set.of("2025", "2026"), years);
    }

    @Test
    void defectRateZeroAndOne() throws IOException {
        List<String[]> clean = segments(generate(8_000, 11L, new SyntheticBatch.Options(5_000, 0.0)));
        DefectCount none = checkContent(clean);
        assertArrayEquals(new long[4], none.asArray());

        List<String[]> dirty = segments(generate(3_000, 11L, new SyntheticBatch.Options(5_000, 1.0)));
        DefectCount all = checkContent(dirty);
        assertEquals(3_000, all.claimsWithDefects);
    }

    @Test
    void pathOverloadWritesSameBytesAndLeavesNoTemporaryFile(@TempDir Path dir) throws IOException {
        Path target = dir.resolve("batch.837");
        Files.writeString(target, "old content that must be replaced");
        SyntheticBatch.Summary s = SyntheticBatch.write(3_000, 99L, target);
        byte[] expected = generate(3_000, 99L);
        assertArrayEquals(expected, Files.readAllBytes(target));
        assertEquals(expected.length, s.bytes());
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(List.of(target), files.toList());
        }
    }

    @Test
    void rejectsBadArguments() {
        assertThrows(IllegalArgumentException.class, () -> SyntheticBatch.write(0, 1L, new ByteArrayOutputStream()));
        assertThrows(IllegalArgumentException.class, () -> new SyntheticBatch.Options(0, 0.04));
        assertThrows(IllegalArgumentException.class, () -> new SyntheticBatch.Options(10, 1.5));
        assertThrows(IllegalArgumentException.class, () -> new SyntheticBatch.Options(10, Double.NaN));
    }

    @Test
    void generateCommandWritesFileAndStdout(@TempDir Path dir) throws IOException {
        Path out = dir.resolve("gen.edi");
        GenerateCommand fileCmd = new GenerateCommand();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        fileCmd.stderr = new PrintStream(err, true, StandardCharsets.UTF_8);
        int rc = new CommandLine(fileCmd).execute("--claims", "250", "--seed", "9", "--out", out.toString());
        assertEquals(0, rc);
        assertArrayEquals(generate(250, 9L), Files.readAllBytes(out));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("250 claims"));

        GenerateCommand stdoutCmd = new GenerateCommand();
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        stdoutCmd.stdout = captured;
        stdoutCmd.stderr = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
        assertEquals(0, new CommandLine(stdoutCmd).execute("--claims", "40"));
        assertArrayEquals(generate(40, 1L), captured.toByteArray(), "default seed is 1");

        GenerateCommand bad = new GenerateCommand();
        CommandLine cl = new CommandLine(bad);
        cl.setErr(new java.io.PrintWriter(new java.io.StringWriter()));
        assertEquals(2, cl.execute("--claims", "0"));
        assertEquals(2, cl.execute("--claims", "10", "--defect-rate", "2"));
    }
}
