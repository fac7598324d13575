package io.toothcomb.writers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.toothcomb.generate.SyntheticBatch;
import io.toothcomb.result.ScrubOptions;
import io.toothcomb.rules.engine.RuleEngine;
import io.toothcomb.scrub.Scrubber;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every 277CA toothcomb writes for the bundled samples (and for a synthetic batch with defects) keeps to the 005010X214 guide: the loops it requires, in order, with the
 * qualifiers each loop allows; no element the guide marks not used; the status composites, action codes and
 * entity codes each level allows; D8/RD8 dates; HL numbering and child codes; and totals that add up.
 * (ScrubModesTest shows the other scrub modes write the same bytes.)
 *
 * <p>The layout below is our own reading of the guide's structure as the X214 map of pyx12 ({@code
 * pyx12/map/277.5010.X214.xml}, also shipped by imsweb x12-parser) records it; status code usage notes
 * ("requires use of an Entity Code", "at least one other status code is required") are those of code list 508.
 */
class Ack277StructureTest {
    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-23T10:00:00Z"), ZoneOffset.UTC);

    @TempDir
    static Path out;

    @BeforeAll
    static void scrub() throws IOException {
        Scrubber s = new Scrubber(RuleEngine.load(null), ScrubOptions.defaults().withClock(CLOCK));
        try (Stream<Path> files = Files.list(Path.of("edi-samples"))) {
            for (Path f : files.filter(p -> p.toString().endsWith(".edi")).sorted().toList()) {
                s.scrub(f, out);
            }
        }
        Path batch = out.resolve("synthetic").resolve("batch.edi");
        Files.createDirectories(batch.getParent());
        SyntheticBatch.write(600, 11, new SyntheticBatch.Options(150, 0.2), batch);
        s.scrub(batch, out.resolve("synthetic"));
    }

    static List<Path> acks() throws IOException {
        List<Path> all = new ArrayList<>();
        try (Stream<Path> files = Files.walk(out)) {
            files.filter(p -> p.toString().endsWith(".277")).sorted().forEach(all::add);
        }
        return all;
    }

    @TestFactory
    Stream<DynamicTest> every277FollowsTheGuide() throws IOException {
        List<Path> acks = acks();
        assertTrue(acks.size() >= 14, "a 277CA for every readable sample and the synthetic batch: " + acks);
        return acks.stream().map(p -> DynamicTest.dynamicTest(p.getFileName().toString(), () -> {
            List<String> problems = new Checker(segments(p)).check();
            assertEquals(List.of(), problems, p.getFileName().toString());
        }));
    }

    /** A line with warnings only is not a rejected line, and 2220D holds rejected lines only (STC03 U). */
    @Test
    void warningOnlyLineGetsNoServiceLineLoop() throws IOException {
        List<String[]> segs = segments(out.resolve("defect-apexification.277"));
        String claim = null;
        List<String> svcOfWarnedClaim = new ArrayList<>();
        for (String[] s : segs) {
            if (s[0].equals("TRN") && s[1].equals("2")) {
                claim = s[2];
            } else if (s[0].equals("HL")) {
                claim = null;
            } else if (s[0].equals("SVC") && "HV26111203".equals(claim)) {
                svcOfWarnedClaim.add(String.join("*", s));
            }
        }
        assertEquals(List.of(), svcOfWarnedClaim, "HV26111203 has warnings only (APEX-SEQUENCE, APEX-DOCUMENTATION)");
        assertTrue(segs.stream().anyMatch(s -> s[0].equals("SVC")), "rejected lines still get their 2220D");
    }

    /** Each billing provider gets its 2000C with a 2200C, even when the provider's claims all pass. */
    @Test
    void everyBillingProviderHasItsTraceAndStatus() throws IOException {
        List<String[]> segs = segments(out.resolve("subscriber-is-patient.277"));
        List<String> after = new ArrayList<>();
        for (int i = 0; i < segs.size(); i++) {
            if (segs.get(i)[0].equals("HL") && segs.get(i)[3].equals("19")) {
                after.add(segs.get(i + 1)[0] + " " + segs.get(i + 2)[0] + "*" + segs.get(i + 2)[1] + " "
                        + segs.get(i + 3)[0]);
            }
        }
        assertEquals(List.of("NM1 TRN*1 STC", "NM1 TRN*1 STC"), after, "two billing providers");
    }

    static List<String[]> segments(Path p) throws IOException {
        String text = Files.readString(p, StandardCharsets.UTF_8);
        List<String[]> segs = new ArrayList<>();
        for (String s : text.split("~")) {
            s = s.strip();
            if (!s.isEmpty()) {
                segs.add(s.split("\\*", -1));
            }
        }
        return segs;
    }

    /** Walks one 277CA and lists what the guide does not allow. */
    static final class Checker {
        /** Status codes whose usage note says "This code requires use of an Entity Code" (those we met). */
        static final Set<String> NEEDS_ENTITY = Set.of("16", "17", "18", "19", "23", "24", "25", "26", "73", "85",
                "88", "89", "90", "91", "92", "93", "94", "96", "97", "106", "109", "114", "123", "124", "125", "126",
                "127", "128", "153", "155", "157", "158", "159", "160", "162", "163", "164", "252", "387", "395", "403",
                "466", "467", "470", "480", "487", "491", "496", "499", "500", "501", "502", "503", "504", "505", "506");
        /** Status codes whose usage note asks for at least one other status code. */
        static final Set<String> NEEDS_ANOTHER = Set.of("21", "59", "60", "294", "402", "508", "510");
        static final Set<String> ENTITY_2200B = Set.of("36", "40", "41", "AY", "PR");
        static final Set<String> ENTITY_2200C = Set.of("36", "40", "41", "77", "82", "85", "87", "AY", "PR");
        static final Set<String> ENTITY_2200D = Set.of("03", "1P", "1Z", "40", "41", "71", "72", "73", "77", "82",
                "85", "87", "DK", "DN", "DQ", "FA", "GB", "HK", "IL", "LI", "MSC", "PR", "PRP", "QB", "QC", "QD", "SEP",
                "TL", "TTP", "TU");
        static final Set<String> ACCEPTED = Set.of("A0", "A1", "A2", "A5");
        static final Set<String> REJECTED = Set.of("A3", "A4", "A6", "A7", "A8");

        /**
         * Each HL level's segments up to the next HL, one token per segment (id, or id.qualifier where the
         * qualifier tells the guide's segments apart), in the order and number the guide allows.
         */
        static final Map<String, Pattern> LEVEL = Map.of(
                "20", Pattern.compile("NM1\\.(AY|PR) TRN\\.1 DTP\\.050 DTP\\.009"),
                "21", Pattern.compile("NM1\\.41 TRN\\.2( STC)+( QTY\\.90)?( QTY\\.AA)?( AMT\\.YU)?( AMT\\.YY)?"),
                "19", Pattern.compile("NM1\\.85 TRN\\.1( STC)+( REF\\.(0B|1G|G2|LU|SY|TJ))?( QTY\\.QA)?( QTY\\.QC)?"
                        + "( AMT\\.YU)?( AMT\\.YY)?"),
                "PT", Pattern.compile("NM1\\.QC( TRN\\.2( STC)+( REF\\.1K)?( REF\\.D9)?( REF\\.BLT)? DTP\\.472"
                        + "( SVC STC( REF\\.FJ)?( REF\\.XZ)?( DTP\\.472)?)*)+"));

        private final List<String[]> segs;
        private final List<String> problems = new ArrayList<>();
        /** 2100A NM101 of the set being checked: the entity that acknowledges receipt. */
        private String source = "";

        Checker(List<String[]> segs) {
            this.segs = segs;
        }

        List<String> check() {
            int i = 0;
            expect(segs.get(i)[0].equals("ISA"), 0, "ISA first");
            String[] gs = segs.get(++i);
            expect(gs[0].equals("GS") && gs[1].equals("HN") && gs[7].equals("X") && gs[8].equals("005010X214"), i,
                    "GS01 HN, GS07 X, GS08 005010X214");
            i++;
            while (i < segs.size() && segs.get(i)[0].equals("ST")) {
                i = transaction(i);
            }
            expect(segs.get(i)[0].equals("GE") && segs.get(i + 1)[0].equals("IEA"), i, "GE, IEA after the sets");
            return problems;
        }

        private int transaction(int st) {
            String[] s = segs.get(st);
            expect(s[1].equals("277") && s.length == 4 && s[3].equals("005010X214"), st, "ST01 277, ST03 005010X214");
            String[] bht = segs.get(st + 1);
            expect(bht[0].equals("BHT") && bht.length == 7 && bht[1].equals("0085") && bht[2].equals("08")
                    && !bht[3].isEmpty() && date(bht[4]) && bht[5].matches("\\d{4}(\\d{2}(\\d{1,2})?)?")
                    && bht[6].equals("TH"), st + 1, "BHT*0085*08*ref*CCYYMMDD*HHMM*TH");
            int se = st + 2;
            while (!segs.get(se)[0].equals("SE")) {
                se++;
            }
            expect(segs.get(se)[1].equals(String.valueOf(se - st + 1)) && segs.get(se)[2].equals(s[2]), se,
                    "SE01 counts ST to SE, SE02 = ST02");
            hierarchy(st + 2, se);
            return se + 1;
        }

        /** The HL levels of one set: numbering, parents, child codes, each level's segments, totals. */
        private void hierarchy(int from, int to) {
            List<Integer> hls = new ArrayList<>();
            for (int i = from; i < to; i++) {
                if (segs.get(i)[0].equals("HL")) {
                    hls.add(i);
                }
            }
            expect(!hls.isEmpty() && hls.get(0) == from, from, "the detail starts with HL");
            Map<String, String> parentLevel = Map.of("21", "20", "19", "21", "PT", "19");
            java.util.Map<String, String> levelOf = new java.util.HashMap<>();
            for (int k = 0; k < hls.size(); k++) {
                int at = hls.get(k);
                int end = k + 1 < hls.size() ? hls.get(k + 1) : to;
                String[] hl = segs.get(at);
                String level = hl[3];
                expect(hl[1].equals(String.valueOf(k + 1)), at, "HL01 numbers the levels from 1");
                levelOf.put(hl[1], level);
                if (level.equals("20")) {
                    expect(hl[2].isEmpty() && hl.length == 5 && hl[4].equals("1"), at, "2000A HL*n**20*1");
                } else {
                    expect(parentLevel.containsKey(level), at, "HL03 20, 21, 19 or PT");
                    expect(parentLevel.get(level) != null && parentLevel.get(level).equals(levelOf.get(hl[2])), at,
                            "HL02 points at the level above");
                }
                boolean hasChild = k + 1 < hls.size() && segs.get(hls.get(k + 1))[2].equals(hl[1]);
                if (level.equals("21")) {
                    expect(hl.length == 5 && hl[4].equals(hasChild ? "1" : "0"), at, "2000B HL04 says whether children follow");
                } else if (level.equals("19")) {
                    expect(hl.length == 5 && hl[4].equals("1") && hasChild, at, "2000C HL04 1, with patients below");
                } else if (level.equals("PT")) {
                    expect(hl.length == 4, at, "2000D HL04 not used");
                }
                level(level, at + 1, end);
            }
            totals(hls, to);
        }

        private void level(String level, int from, int to) {
            StringBuilder sig = new StringBuilder();
            String loop = level.equals("20") ? "2200A" : level.equals("21") ? "2200B" : level.equals("19") ? "2200C" : "2100D";
            for (int i = from; i < to; i++) {
                String[] s = segs.get(i);
                boolean qualified = Set.of("NM1", "TRN", "DTP", "REF", "QTY", "AMT").contains(s[0]);
                sig.append(sig.length() == 0 ? "" : " ").append(s[0]).append(qualified ? "." + s[1] : "");
                if (level.equals("PT")) {
                    loop = s[0].equals("TRN") ? "2200D" : s[0].equals("SVC") ? "2220D" : loop;
                }
                segment(loop, i);
            }
            Pattern p = LEVEL.get(level);
            expect(p != null && p.matcher(sig).matches(), from, "level " + level + " holds " + sig);
        }

        /** Element by element: what each segment of each loop may hold. */
        private void segment(String loop, int i) {
            String[] s = segs.get(i);
            switch (s[0]) {
                case "NM1" -> {
                    notUsed(i, 10, 11, 12);
                    expect(s.length > 9 && !s[3].isEmpty() && !s[9].isEmpty(), i, "NM103 and NM109 required");
                    switch (s[1]) {
                        case "AY", "PR" -> {
                            source = s[1];
                            notUsed(i, 4, 5, 6, 7);
                            expect(s[2].equals("2") && Set.of("46", "FI", "PI", "XV").contains(s[8]), i, "2100A NM102 2, NM108 46/FI/PI/XV");
                        }
                        case "41" -> {
                            notUsed(i, 6, 7);
                            expect(Set.of("1", "2").contains(s[2]) && s[8].equals("46"), i, "2100B NM102 1/2, NM108 46");
                        }
                        case "85" -> expect(Set.of("1", "2").contains(s[2]) && Set.of("FI", "SV", "XX").contains(s[8]), i,
                                "2100C NM102 1/2, NM108 FI/SV/XX");
                        case "QC" -> expect(s[2].equals("1") && Set.of("II", "MI").contains(s[8]), i, "2100D NM102 1, NM108 II/MI");
                        default -> expect(false, i, "NM101 " + s[1]);
                    }
                }
                case "TRN" -> {
                    notUsed(i, 3, 4);
                    expect(s.length > 2 && !s[2].isEmpty(), i, "TRN02 required");
                }
                case "DTP" -> {
                    expect(s.length == 4, i, "DTP has three elements");
                    expect(s[2].equals("D8") && date(s[3]) || s[2].equals("RD8") && loop.matches("2200D|2220D")
                            && range(s[3]), i, "DTP format " + s[2] + " with " + s[3]);
                }
                case "STC" -> stc(loop, i);
                case "SVC" -> {
                    notUsed(i, 3, 5, 6);
                    String[] c = s[1].split(":", -1);
                    expect(Set.of("AD", "ER", "HC", "HP", "IV", "NU", "WK").contains(c[0]) && c.length > 1 && c.length < 7
                            && !c[1].isEmpty(), i, "SVC01 qualifier and code, SVC01-07 not used");
                    expect(s.length > 2 && amount(s[2]), i, "SVC02 line charge required");
                }
                case "QTY" -> expect(s.length == 3 && s[2].matches("\\d+"), i, "QTY01 and QTY02 only");
                case "AMT" -> expect(s.length == 3 && amount(s[2]), i, "AMT01 and AMT02 only");
                case "REF" -> expect(s.length == 3 && !s[2].isEmpty(), i, "REF01 and REF02 only");
                default -> expect(false, i, "segment " + s[0] + " is not in the 277CA");
            }
        }

        private void stc(String loop, int i) {
            String[] s = segs.get(i);
            notUsed(i, 5, 6, 7, 8, 9);
            String[] c = s[1].split(":", -1);
            expect(c.length >= 2 && c.length <= 3 && (ACCEPTED.contains(c[0]) || REJECTED.contains(c[0]))
                    && c[1].matches("\\d+"), i, "STC01 category:status[:entity]");
            Set<String> entities = switch (loop) {
                case "2200B" -> ENTITY_2200B;
                case "2200C" -> ENTITY_2200C;
                default -> ENTITY_2200D;
            };
            for (int e : new int[] {1, 10, 11}) {
                if (e >= s.length || s[e].isEmpty()) {
                    continue;
                }
                String[] k = s[e].split(":", -1);
                expect(k.length >= 2 && k.length <= 3, i, "STC" + e + " composite has 2 or 3 components");
                if (k.length < 2) {
                    continue;
                }
                expect(!NEEDS_ENTITY.contains(k[1]) || k.length == 3, i, "status " + k[1] + " requires an entity code");
                expect(k.length < 3 || entities.contains(k[2]), i, "entity " + (k.length < 3 ? "" : k[2]) + " not allowed in " + loop);
                expect(!NEEDS_ANOTHER.contains(k[1]) || s.length > 10 && !s[10].isEmpty(), i,
                        "status " + k[1] + " needs another status code");
            }
            if (loop.equals("2200B") || loop.equals("2200C")) {
                expect(c.length == 3 && c[2].equals(source), i, "receipt acknowledged by the 2100A entity " + source);
            }
            String action = s.length > 3 ? s[3] : "";
            boolean rejected = c.length > 0 && REJECTED.contains(c[0]);
            switch (loop) {
                case "2200B", "2200C", "2200D" -> {
                    expect(Set.of("U", "WQ").contains(action), i, loop + " STC03 U or WQ");
                    expect(action.equals(rejected ? "U" : "WQ"), i, loop + " STC03 agrees with the category");
                    expect(s.length > 4 && amount(s[4]), i, loop + " STC04 required");
                    if (loop.equals("2200C")) {
                        expect(s[2].isEmpty(), i, "2200C STC02 not used");
                    } else {
                        expect(date(s[2]), i, loop + " STC02 required (CCYYMMDD)");
                    }
                    if (!loop.equals("2200D")) {
                        notUsed(i, 12);
                    }
                }
                case "2220D" -> {
                    expect(date(s[2]), i, "2220D STC02 required");
                    expect(action.equals("U") && rejected, i, "2220D STC03 U only, a rejected line");
                    notUsed(i, 4, 12);
                }
                default -> expect(false, i, "STC in " + loop);
            }
        }

        /** 2200B counts and amounts are the sums of the claims', 2200C those of its claims. */
        private void totals(List<Integer> hls, int to) {
            record Sum(int[] n, BigDecimal[] amount) {
            }
            java.util.Map<String, Sum> byHl = new java.util.LinkedHashMap<>();
            String receiver = null;
            String provider = null;
            for (int k = 0; k < hls.size(); k++) {
                String[] hl = segs.get(hls.get(k));
                if (hl[3].equals("21")) {
                    receiver = hl[1];
                    byHl.put(receiver, new Sum(new int[2], new BigDecimal[] {BigDecimal.ZERO, BigDecimal.ZERO}));
                } else if (hl[3].equals("19")) {
                    provider = hl[1];
                    byHl.put(provider, new Sum(new int[2], new BigDecimal[] {BigDecimal.ZERO, BigDecimal.ZERO}));
                } else if (hl[3].equals("PT")) {
                    int end = k + 1 < hls.size() ? hls.get(k + 1) : to;
                    for (int i = hls.get(k); i < end; i++) {
                        String[] s = segs.get(i);
                        if (s[0].equals("TRN")) {
                            String[] stc = segs.get(i + 1);
                            int r = REJECTED.contains(stc[1].split(":")[0]) ? 1 : 0;
                            for (String owner : new String[] {receiver, provider}) {
                                Sum sum = byHl.get(owner);
                                sum.n()[r]++;
                                sum.amount()[r] = sum.amount()[r].add(new BigDecimal(stc[4]));
                            }
                        }
                    }
                }
            }
            for (int k = 0; k < hls.size(); k++) {
                String[] hl = segs.get(hls.get(k));
                Sum sum = byHl.get(hl[1]);
                if (sum == null) {
                    continue;
                }
                boolean b = hl[3].equals("21");
                int end = k + 1 < hls.size() ? hls.get(k + 1) : to;
                java.util.Map<String, String> got = new java.util.HashMap<>();
                for (int i = hls.get(k) + 1; i < end; i++) {
                    String[] s = segs.get(i);
                    if (s[0].equals("QTY") || s[0].equals("AMT")) {
                        got.put(s[0] + "." + s[1], s[2]);
                    } else if (s[0].equals("STC") && !got.containsKey("STC")) {
                        got.put("STC", s[4]);
                    }
                }
                String where = "HL " + hl[1] + " totals " + got;
                expect(count(got.get(b ? "QTY.90" : "QTY.QA")) == sum.n()[0], hls.get(k), where + ": accepted count");
                expect(count(got.get(b ? "QTY.AA" : "QTY.QC")) == sum.n()[1], hls.get(k), where + ": rejected count");
                expect(money(got.get("AMT.YU")).compareTo(sum.amount()[0]) == 0, hls.get(k), where + ": accepted amount");
                expect(money(got.get("AMT.YY")).compareTo(sum.amount()[1]) == 0, hls.get(k), where + ": rejected amount");
                expect(money(got.get("STC")).compareTo(sum.amount()[0].add(sum.amount()[1])) == 0, hls.get(k),
                        where + ": STC04 is the total charge");
            }
        }

        private static int count(String v) {
            return v == null ? 0 : Integer.parseInt(v);
        }

        private static BigDecimal money(String v) {
            return v == null ? BigDecimal.ZERO : new BigDecimal(v);
        }

        private void notUsed(int i, int... positions) {
            String[] s = segs.get(i);
            for (int p : positions) {
                expect(p >= s.length || s[p].isEmpty(), i, s[0] + String.format("%02d", p) + " is not used");
            }
        }

        private void expect(boolean ok, int i, String what) {
            if (!ok) {
                problems.add("segment " + (i + 1) + " " + String.join("*", segs.get(Math.min(i, segs.size() - 1)))
                        + ": " + what);
            }
        }

        private static boolean amount(String v) {
            return v.matches("-?\\d+(\\.\\d{1,2})?");
        }

        private static boolean date(String v) {
            if (v == null || !v.matches("\\d{8}")) {
                return false;
            }
            try {
                LocalDate.parse(v, DateTimeFormatter.BASIC_ISO_DATE);
                return true;
            } catch (DateTimeParseException e) {
                return false;
            }
        }

        private static boolean range(String v) {
            String[] p = v.split("-", -1);
            return p.length == 2 && date(p[0]) && date(p[1]) && p[0].compareTo(p[1]) <= 0;
        }
    }

    @Test
    void checkerCatchesWhatTheGuideForbids() {
        List<String[]> good = new ArrayList<>();
        for (String s : ("ISA*00*x~GS*HN*A*B*20261123*1000*1*X*005010X214~ST*277*0001*005010X214~"
                + "BHT*0085*08*R1*20261123*1000*TH~HL*1**20*1~NM1*AY*2*CH*****46*CH1~TRN*1*1-1~DTP*050*D8*20261123~"
                + "DTP*009*D8*20261123~HL*2*1*21*1~NM1*41*2*SUB*****46*S1~TRN*2*R1~STC*A1:19:AY*20261123*WQ*10~"
                + "QTY*AA*1~AMT*YY*10~HL*3*2*19*1~NM1*85*2*PROV*****XX*1234567893~TRN*1*1-1-3~STC*A1:19:AY**WQ*10~"
                + "QTY*QC*1~AMT*YY*10~HL*4*3*PT~NM1*QC*1*DOE*JO****MI*M1~TRN*2*C1~STC*A7:244*20261123*U*10~"
                + "DTP*472*D8*20261101~SVC*AD:D2391*10*****1~STC*A7:244*20261123*U~REF*FJ*L1~SE*28*0001~GE*1*1~IEA*1*1")
                .split("~")) {
            good.add(s.split("\\*", -1));
        }
        assertEquals(List.of(), new Checker(good).check());
        for (String[] bad : List.of(
                new String[] {"SVC*AD:D2391*10*****1", "SVC*AD:D2391*10*0****1"},
                new String[] {"STC*A7:244*20261123*U~REF", "STC*A7:244*20261123*U*10~REF"},
                new String[] {"STC*A1:19:AY**WQ*10", "STC*A1:19:AY*20261123*WQ*10"},
                new String[] {"STC*A1:19:AY*20261123*WQ*10", "STC*A1:19*20261123*WQ*10"},
                new String[] {"TRN*1*1-1-3~STC*A1:19:AY**WQ*10~", ""},
                new String[] {"DTP*472*D8*20261101", "DTP*472*D8*2026110"})) {
            String text = String.join("~", good.stream().map(x -> String.join("*", x)).toList());
            assertTrue(text.contains(bad[0]), bad[0]);
            List<String[]> broken = new ArrayList<>();
            for (String s : text.replace(bad[0], bad[1]).split("~")) {
                broken.add(s.split("\\*", -1));
            }
            assertFalse(new Checker(broken).check().isEmpty(), "should be caught: " + bad[1]);
        }
    }
}
