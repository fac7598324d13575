package io.toothcomb.scrub;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.toothcomb.guide.Guide;
import io.toothcomb.result.Output;
import io.toothcomb.result.ScrubOptions;
import io.toothcomb.rules.engine.RuleEngine;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * The 837D guide's situational rules ({@code situation} lines of mappings/837d/x12-837d.guide), one case per line:
 * with the condition true and the target wrong the claim gets exactly that X12-SITUATION finding, pointing at the
 * right segment, and is rejected in the 277CA with the line's status while the 999 accepts the set; the near miss
 * (condition false, or the target right) gets nothing. Every file is a whole 837D: an envelope, one billing
 * provider, a subscriber (the patient, or with a dependent in 2000C) and one claim of clean lines.
 */
class SituationsTest {

    @TempDir
    Path tmp;

    /** A claim and its context, as segments; {@code expect} marks the segment the finding points at. */
    static final class Claim837 {
        boolean dependent;
        /** 2010BA: the subscriber's N3/N4/DMG (sent when the subscriber is the patient). */
        List<String> subscriberExtras = new ArrayList<>(List.of("N3*100 OAK ST", "N4*SALEM*OR*97301",
                "DMG*D8*19800115*F"));
        String sbr02 = "18";
        /** A 2000C under a subscriber who is the patient (a broken hierarchy). */
        boolean patientLevel;
        List<String> claim = new ArrayList<>();

        Claim837 dependent() {
            dependent = true;
            patientLevel = true;
            sbr02 = "";
            subscriberExtras = new ArrayList<>();
            return this;
        }

        Claim837 claim(String... segments) {
            claim.addAll(List.of(segments));
            return this;
        }

        /** A context segment the finding points at (for cases that cannot mark it with '>'). */
        String marker;

        /** The interchange's segments, one marked with a leading '>' where the case marks one. */
        List<String> segments() {
            List<String> s = new ArrayList<>();
            s.add("ISA*00*          *00*          *ZZ*TCSUBMIT       *ZZ*TCRECEIVE      *260310*1200*^*00501*000000101*0*T*:");
            s.add("GS*HC*TCSUBMIT*TCRECEIVE*20260310*1200*101*X*005010X224A2");
            s.add("ST*837*0001*005010X224A2");
            s.add("BHT*0019*00*SITUATE1*20260310*1200*CH");
            s.add("NM1*41*2*FIXTURE SUBMITTER*****46*TCSUBMIT");
            s.add("PER*IC*BILLING*TE*5555550100");
            s.add("NM1*40*2*FIXTURE PAYER*****46*TCRECEIVE");
            s.add("HL*1**20*1");
            s.add("NM1*85*2*FIXTURE DENTAL GROUP*****XX*1234567893");
            s.add("N3*100 MAIN ST");
            s.add("N4*SPRINGFIELD*IL*627010000");
            s.add("REF*EI*123456789");
            s.add("HL*2*1*22*" + (patientLevel ? "1" : "0"));
            s.add("SBR*P*" + sbr02 + "*GRP100******CI");
            s.add("NM1*IL*1*DOE*JANE****MI*MEMBER001");
            s.addAll(subscriberExtras);
            s.add("NM1*PR*2*FIXTURE PAYER*****PI*TCPAYER01");
            if (patientLevel) {
                s.add("HL*3*2*23*0");
                s.add("PAT*19");
                s.add("NM1*QC*1*DOE*SAM");
                s.add("N3*12 ELM ST");
                s.add("N4*SPRINGFIELD*IL*627010000");
                s.add("DMG*D8*20150304*M");
            }
            s.addAll(claim);
            s.add("SE*" + (s.size() - 1) + "*0001");
            s.add("GE*1*101");
            s.add("IEA*1*000000101");
            return s;
        }

        String x12() {
            return String.join("~\n", segments().stream().map(x -> x.startsWith(">") ? x.substring(1) : x)
                    .toList()) + "~\n";
        }

        /** The ordinal (ISA = 1) of the marked segment, or 0. */
        int marked() {
            List<String> s = segments();
            for (int i = 0; i < s.size(); i++) {
                if (s.get(i).startsWith(">") || s.get(i).equals(marker)) {
                    return i + 1;
                }
            }
            return 0;
        }
    }

    static Claim837 self() {
        return new Claim837();
    }

    static final String CLM = "CLM*SIT001*61***11:B:1*Y*A*Y*Y";

    /** CLM with CLM19 (predetermination PB) and, optionally, CLM11. */
    static String clm(String frequency, String clm11, String clm19) {
        String[] e = new String[20];
        Arrays.fill(e, "");
        e[0] = "CLM";
        e[1] = "SIT001";
        e[2] = "61";
        e[5] = "11:B:" + frequency;
        e[6] = "Y";
        e[7] = "A";
        e[8] = "Y";
        e[9] = "Y";
        e[11] = clm11;
        e[19] = clm19;
        int last = 19;
        while (e[last].isEmpty()) {
            last--;
        }
        return String.join("*", Arrays.copyOf(e, last + 1));
    }

    static final String DOS = "DTP*472*D8*20260310";
    static final String LINE1 = "SV3*AD:D0120*61****1";

    /** One situation line's two cases. */
    record Case(String situation, Claim837 fires, String status, Integer line, Claim837 nearMiss) {
    }

    static Map<String, Case> cases() {
        Map<String, Case> c = new LinkedHashMap<>();
        // 2010BA: the subscriber's address and demographics, only when the subscriber is the patient
        Claim837 noN3 = self().claim(CLM, DOS, "LX*1", LINE1, "REF*6R*1");
        noN3.subscriberExtras = new ArrayList<>(List.of("N4*SALEM*OR*97301", "DMG*D8*19800115*F"));
        add(c, new Case("2010BA N3 R", mark(noN3, "NM1*IL*1*DOE*JANE****MI*MEMBER001"), "A6:503:IL", null,
                self().claim(CLM, DOS, "LX*1", LINE1, "REF*6R*1")));
        Claim837 depN3 = new Claim837().dependent().claim(CLM, DOS, "LX*1", LINE1, "REF*6R*1");
        depN3.subscriberExtras = new ArrayList<>(List.of(">N3*100 OAK ST"));
        add(c, new Case("2010BA N3 N", depN3, "A8:503:IL", null,
                new Claim837().dependent().claim(CLM, DOS, "LX*1", LINE1, "REF*6R*1")));
        Claim837 noN4 = self().claim(CLM, DOS, "LX*1", LINE1, "REF*6R*1");
        noN4.subscriberExtras = new ArrayList<>(List.of("N3*100 OAK ST", "DMG*D8*19800115*F"));
        add(c, new Case("2010BA N4 R", mark(noN4, "NM1*IL*1*DOE*JANE****MI*MEMBER001"), "A6:126:IL", null,
                self().claim(CLM, DOS, "LX*1", LINE1, "REF*6R*1")));
        Claim837 depN4 = new Claim837().dependent().claim(CLM, DOS, "LX*1", LINE1, "REF*6R*1");
        depN4.subscriberExtras = new ArrayList<>(List.of(">N4*SALEM*OR*97301"));
        add(c, new Case("2010BA N4 N", depN4, "A8:126:IL", null,
                new Claim837().dependent().claim(CLM, DOS, "LX*1", LINE1, "REF*6R*1")));
        Claim837 noDmg = self().claim(CLM, DOS, "LX*1", LINE1, "REF*6R*1");
        noDmg.subscriberExtras = new ArrayList<>(List.of("N3*100 OAK ST", "N4*SALEM*OR*97301"));
        add(c, new Case("2010BA DMG R", mark(noDmg, "NM1*IL*1*DOE*JANE****MI*MEMBER001"), "A6:158:IL", null,
                self().claim(CLM, DOS, "LX*1", LINE1, "REF*6R*1")));
        Claim837 depDmg = new Claim837().dependent().claim(CLM, DOS, "LX*1", LINE1, "REF*6R*1");
        depDmg.subscriberExtras = new ArrayList<>(List.of(">DMG*D8*19800115*F"));
        add(c, new Case("2010BA DMG N", depDmg, "A8:158:IL", null,
                new Claim837().dependent().claim(CLM, DOS, "LX*1", LINE1, "REF*6R*1")));
        // 2000C: a patient level exactly when the patient is not the subscriber
        Claim837 selfWithPatient = self().claim(CLM, DOS, "LX*1", LINE1, "REF*6R*1");
        selfWithPatient.patientLevel = true;
        add(c, new Case("2000C HL N", mark(selfWithPatient, "HL*3*2*23*0"), "A8:156", null,
                new Claim837().dependent().claim(CLM, DOS, "LX*1", LINE1, "REF*6R*1")));
        Claim837 noPatient = new Claim837().dependent().claim(CLM, DOS, "LX*1", LINE1, "REF*6R*1");
        noPatient.patientLevel = false;
        add(c, new Case("2000C HL R", mark(noPatient, "HL*2*1*22*0"), "A6:173:QC", null,
                self().claim(CLM, DOS, "LX*1", LINE1, "REF*6R*1")));
        // 2300 REF*F8: the payer's claim number on a replacement or void, and only there
        add(c, new Case("2300 REF R", self().claim(">" + clm("7", "", ""), DOS, "LX*1", LINE1, "REF*6R*1"),
                "A6:464", null, self().claim(clm("7", "", ""), DOS, "REF*F8*PAYERCLAIM0001", "LX*1", LINE1,
                "REF*6R*1")));
        add(c, new Case("2300 REF N", self().claim(CLM, DOS, ">REF*F8*PAYERCLAIM0001", "LX*1", LINE1, "REF*6R*1"),
                "A8:464", null, self().claim(clm("8", "", ""), DOS, "REF*F8*PAYERCLAIM0001", "LX*1", LINE1,
                "REF*6R*1")));
        // a predetermination (CLM19 PB) has no dates of service; N wins over the line's R when neither has one
        add(c, new Case("2300 DTP N when 2300.CLM19=PB", self().claim(clm("1", "", "PB"), ">" + DOS, "LX*1", LINE1,
                "REF*6R*1"), "A8:187", null, self().claim(clm("1", "", "PB"), "LX*1", LINE1, "REF*6R*1")));
        add(c, new Case("2400 DTP N when 2300.CLM19=PB", self().claim(clm("1", "", "PB"), "LX*1", LINE1, ">" + DOS,
                "REF*6R*1"), "A8:187", 1, self().claim(clm("1", "", "PB"), "LX*1", LINE1, "REF*6R*1")));
        add(c, new Case("2400 DTP R when absent", self().claim("CLM*SIT001*122***11:B:1*Y*A*Y*Y", "LX*1", LINE1,
                DOS, "REF*6R*1", ">LX*2", "SV3*AD:D1110*61****1", "REF*6R*2"), "A6:187", 2,
                self().claim("CLM*SIT001*122***11:B:1*Y*A*Y*Y", "LX*1", LINE1, DOS, "REF*6R*1", "LX*2",
                        "SV3*AD:D1110*61****1", DOS, "REF*6R*2")));
        // a replacement prosthesis (SV305 R) names the prior placement date
        add(c, new Case("2400 DTP R when 2400.SV305=R", self().claim("CLM*SIT001*900***11:B:1*Y*A*Y*Y", DOS,
                ">LX*1", "SV3*AD:D2750*900***R*1", "TOO*JP*8", "REF*6R*1"), "A6:201", 1,
                self().claim("CLM*SIT001*900***11:B:1*Y*A*Y*Y", DOS, "LX*1", "SV3*AD:D2750*900***R*1", "TOO*JP*8",
                        "DTP*441*D8*20180402", "REF*6R*1")));
        // several teeth on one line only with a procedure count of 1 (D0230 counts units, so the quantity of 2 is
        // the guide's finding alone, not QUANTITY-ONE's)
        add(c, new Case("2400 TOO N", self().claim("CLM*SIT001*60***11:B:1*Y*A*Y*Y", DOS, "LX*1",
                "SV3*AD:D0230*60****2", "TOO*JP*3", ">TOO*JP*14", "REF*6R*1"), "A8:476", 1,
                self().claim("CLM*SIT001*60***11:B:1*Y*A*Y*Y", DOS, "LX*1", "SV3*AD:D0230*60****1", "TOO*JP*3",
                        "TOO*JP*14", "REF*6R*1")));
        // line adjudication (2430) only when the claim names the other payer (2320)
        List<String> otherPayer = List.of("SBR*S*18*GRP200******CI", "OI***Y***Y",
                "NM1*IL*1*DOE*JANE****MI*OTHER001", "NM1*PR*2*OTHER PAYER*****PI*OTH01");
        List<String> near = new ArrayList<>(List.of(CLM, DOS));
        near.addAll(otherPayer);
        // the other payer's amounts balance (40 paid + 21 adjusted = the 61 line charge), or COB-BALANCE fires
        near.addAll(List.of("LX*1", LINE1, "REF*6R*1", "SVD*OTH01*40*AD:D0120**1", "CAS*CO*45*21",
                "DTP*573*D8*20260320"));
        add(c, new Case("2430 SVD N", self().claim(CLM, DOS, "LX*1", LINE1, "REF*6R*1", ">SVD*OTH01*40*AD:D0120**1",
                "DTP*573*D8*20260320"), "A8:171", 1, self().claim(near.toArray(String[]::new))));
        // an accident-related claim (CLM11-01 AA, EM, OA) carries the accident date
        add(c, new Case("2300 DTP R when 2300.CLM11-01", self().claim(">" + clm("1", "AA", ""), DOS, "LX*1", LINE1,
                "REF*6R*1"), "A6:727", null, self().claim(clm("1", "AA", ""), "DTP*439*D8*20260301", DOS, "LX*1",
                LINE1, "REF*6R*1")));
        return c;
    }

    private static void add(Map<String, Case> c, Case k) {
        c.put(k.situation(), k);
    }

    /** Marks a context segment (the finding's pointer) with '>'. */
    private static Claim837 mark(Claim837 k, String segment) {
        k.marker = segment;
        return k;
    }

    // ---------------------------------------------------------------- the cases as tests

    @Test
    void everySituationLineOfTheTableHasACase() {
        Set<String> missing = new TreeSet<>();
        Map<String, Case> cases = cases();
        for (Guide.Situation s : Guide.dental837().situations()) {
            if (cases.keySet().stream().noneMatch(k -> covers(k, s))) {
                missing.add(s.loop() + " " + s.target() + " " + s.usage() + " when " + s.condition());
            }
        }
        assertEquals(Set.of(), missing);
        assertEquals(Guide.dental837().situations().size(), cases.size(), "one case per situation line");
    }

    /** A case's name is the line's loop, segment id and usage, then as much of the condition as tells it apart. */
    static boolean covers(String key, Guide.Situation s) {
        String head = s.loop() + " " + s.segment() + " " + s.usage();
        if (!key.startsWith(head)) {
            return false;
        }
        String rest = key.substring(head.length()).trim();
        return rest.isEmpty() || ("when " + s.condition()).startsWith(rest);
    }

    @TestFactory
    Stream<DynamicTest> eachSituationFiresAndItsNearMissIsQuiet() {
        return cases().values().stream().flatMap(k -> Stream.of(
                DynamicTest.dynamicTest(k.situation() + ": fires", () -> fires(k)),
                DynamicTest.dynamicTest(k.situation() + ": near miss", () -> quiet(k.nearMiss()))));
    }

    private void fires(Case k) throws IOException {
        Claim837 c = k.fires();
        Scrubbed s = scrub(c.x12());
        int at = c.marked();
        assertTrue(at > 0, "the case marks the segment the finding points at");
        assertEquals(List.of("X12-SITUATION " + k.status() + " segment " + at + " line " + k.line()), s.findings,
                k.situation() + " findings; json: " + s.json);
        assertTrue(s.json.contains("\"status\":\"rejected\""), "claim rejected: " + s.json);
        assertTrue(s.ack277.contains("STC*" + k.status() + "*"), "277CA rejects with " + k.status() + ": "
                + s.ack277);
        assertTrue(!s.ack277.contains("STC*A2:20"), "the claim is not accepted in the 277CA");
        assertAccepted999(s);
    }

    private void quiet(Claim837 c) throws IOException {
        Scrubbed s = scrub(c.x12());
        assertEquals(List.of(), s.findings, "no findings; json: " + s.json);
        assertTrue(s.ack277.contains("STC*A2:20*"), "claim accepted in the 277CA: " + s.ack277);
        assertAccepted999(s);
    }

    private static void assertAccepted999(Scrubbed s) {
        assertTrue(s.ack999.contains("IK5*A~") && s.ack999.contains("AK9*A*1*1*1~"),
                "the 999 accepts the set (situations are not the 999's): " + s.ack999);
    }

    record Scrubbed(List<String> findings, String json, String ack277, String ack999) {
    }

    private static final Pattern FINDING = Pattern.compile(
            "\\{\"rule\":\"([^\"]+)\",\"severity\":\"[a-z]+\",\"line\":(null|\\d+),\"segment\":(\\d+)(?:,\"element\":\\d+)?,\"status\":\"([^\"]+)\"");

    private Scrubbed scrub(String x12) throws IOException {
        Path dir = Files.createTempDirectory(tmp, "case");
        Path in = dir.resolve("case.edi");
        Files.writeString(in, x12, StandardCharsets.US_ASCII);
        Path out = dir.resolve("out");
        Files.createDirectories(out);
        new Scrubber(RuleEngine.load(null), ScrubOptions.defaults().withClock(GoldenOutputsTest.CLOCK)
                .withOutputs(EnumSet.of(Output.ACK_999, Output.ACK_277, Output.FINDINGS_JSON, Output.ANNOTATED_XML, Output.LISTING)))
                .scrub(in, out);
        String json = Files.readString(out.resolve("case.findings.json"));
        List<String> found = new ArrayList<>();
        Matcher m = FINDING.matcher(json);
        while (m.find()) {
            found.add(m.group(1) + " " + m.group(4) + " segment " + m.group(3) + " line " + m.group(2));
        }
        String xml = Files.readString(out.resolve("case.annotated.xml"));
        String txt = Files.readString(out.resolve("case.annotated.txt"));
        String ack999 = Files.readString(out.resolve("case.999"));
        assertTrue(Files.exists(out.resolve("case.277")), "the 999 accepts the set: " + ack999 + json);
        if (found.stream().anyMatch(f -> f.startsWith("X12-SITUATION"))) {
            assertTrue(xml.contains("<finding rule=\"X12-SITUATION\""), "the finding is in the annotated XML");
            assertTrue(txt.contains("error X12-SITUATION ["), "the finding is in the listing");
        }
        return new Scrubbed(found, json, Files.readString(out.resolve("case.277")), ack999);
    }

    /**
     * A finding about a loop the claim lacks points at the nearest loop around it that the claim has: here the
     * second subscriber's HL, not the 2000C of the subscriber before (whose instance ended with it).
     */
    @Test
    void aMissingLoopIsPointedAtInTheCurrentSubscriber() throws IOException {
        Claim837 first = new Claim837().dependent().claim(CLM, DOS, "LX*1", LINE1, "REF*6R*1");
        List<String> segs = new ArrayList<>(first.segments());
        int se = segs.size() - 3;
        List<String> second = List.of("HL*4*1*22*0", "SBR*P**GRP200******CI", "NM1*IL*1*ROE*RICHARD****MI*MEMBER002",
                "NM1*PR*2*FIXTURE PAYER*****PI*TCPAYER01", "CLM*SIT002*61***11:B:1*Y*A*Y*Y", DOS, "LX*1", LINE1,
                "REF*6R*1");
        segs.addAll(se, second);
        segs.set(se + second.size(), "SE*" + (se + second.size() - 1) + "*0001");
        Scrubbed s = scrub(String.join("~\n", segs) + "~\n");
        int hl = segs.indexOf("HL*4*1*22*0") + 1;
        assertEquals(List.of("X12-SITUATION A6:173:QC segment " + hl + " line null"), s.findings, s.json);
        assertAccepted999(s);
    }

    // ---------------------------------------------------------------- the bundled samples

    /** Every bundled sample keeps the guide's situational rules (the broken ones break the envelope only). */
    @Test
    void noSampleBreaksASituation() throws IOException {
        List<String> broken = new ArrayList<>();
        try (Stream<Path> files = Files.list(Path.of("edi-samples"))) {
            for (Path f : files.filter(p -> p.toString().endsWith(".edi")).sorted().toList()) {
                Path out = Files.createTempDirectory(tmp, "sample");
                new Scrubber(RuleEngine.load(null), ScrubOptions.defaults().withClock(GoldenOutputsTest.CLOCK)
                        .withOutputs(EnumSet.of(Output.FINDINGS_JSON))).scrub(f, out);
                String name = f.getFileName().toString().replace(".edi", "");
                String json = Files.readString(out.resolve(name + ".findings.json"));
                if (json.contains("X12-SITUATION")) {
                    broken.add(f.getFileName().toString());
                }
            }
        }
        assertEquals(List.of(), broken);
    }
}
