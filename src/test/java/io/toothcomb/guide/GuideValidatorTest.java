package io.toothcomb.guide;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.toothcomb.reader.Delimiters;
import io.toothcomb.reader.Segment;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The validator's mechanics on a small guide of our own (src/test/resources/guide/mini.guide). */
class GuideValidatorTest {
    private static Guide mini;

    @BeforeAll
    static void load() throws IOException {
        try (InputStream in = GuideValidatorTest.class.getResourceAsStream("/guide/mini.guide")) {
            mini = Guide.parse(in, "mini.guide");
        }
    }

    private static final String VALID = String.join("~",
            "ST*837*0001*TEST",
            "BHT*0019*00*B1*20261201*1200",
            "NM1*41*2*SUBMITTER*****46*S1",
            "PER*IC*NAME*TE*5035550100",
            "HL*1**20*1",
            "NM1*85*2*PROVIDER",
            "N3*1 MAIN ST",
            "N4*PORTLAND*OR",
            "HL*2*1*22*0",
            "SBR*P*18*******CI",
            "CLM*A1*100.00***11:B:1",
            "DTP*472*D8*20261101",
            "LX*1",
            "SV3*AD:D0120*100.00",
            "SE*15*0001");

    /** Runs the validator over segments written with * : ^ ~, returning "IK3 id code loop" / "IK4 name code loop". */
    static List<String> check(Guide guide, String text) {
        List<String> out = new ArrayList<>();
        GuideReport report = collecting(out);
        GuideValidator v = new GuideValidator(guide);
        String[] segs = text.split("~");
        for (int i = 0; i < segs.length; i++) {
            Segment s = Segment.of(segs[i], Delimiters.STANDARD, i + 1);
            if (s.id().equals("ST")) {
                v.start(s, report);
            } else if (s.id().equals("SE")) {
                v.end(s, report);
            } else {
                v.segment(s, report);
            }
        }
        return out;
    }

    /** A report that writes "IK3 id code loop" / "IK4 name code loop" into {@code out}. */
    static GuideReport collecting(List<String> out) {
        return new GuideReport() {
            @Override
            public void segmentError(Segment at, String segmentId, String loopId, String code, String message) {
                out.add("IK3 " + segmentId + " " + code + " " + loopId);
            }

            @Override
            public void elementError(Segment s, String loopId, int element, int component, String ref, String code,
                                     String bad, String message) {
                out.add("IK4 " + Guide.Element.name(s.id(), element, component) + " " + code + " " + loopId);
            }
        };
    }

    private static List<String> variant(String from, String to) {
        if (!VALID.contains(from)) {
            throw new IllegalArgumentException(from);
        }
        return check(mini, VALID.replace(from, to));
    }

    @Test
    void aValidSetHasNoErrors() {
        assertEquals(List.of(), check(mini, VALID));
    }

    @Test
    void loopsAreTrackedFromTheTable() {
        GuideValidator v = new GuideValidator(mini);
        List<String> loops = new ArrayList<>();
        GuideReport none = collecting(new ArrayList<>());
        String[] segs = VALID.split("~");
        for (int i = 0; i < segs.length - 1; i++) {
            Segment s = Segment.of(segs[i], Delimiters.STANDARD, i + 1);
            if (i == 0) {
                v.start(s, none);
            } else {
                v.segment(s, none);
            }
            loops.add(v.loop().id() + (v.opened() ? "+" : ""));
        }
        assertEquals(List.of("HEADER+", "HEADER", "1000A+", "1000A", "2000A+", "2010AA+", "2010AA", "2010AA", "2000B+",
                "2000B", "2300+", "2300", "2400+", "2400"), loops);
    }

    @Test
    void aMissingRequiredSegmentIsIk3Code3() {
        assertEquals(List.of("IK3 N3 3 2010AA"), variant("N3*1 MAIN ST~", ""));
        assertEquals(List.of("IK3 BHT 3 HEADER"), variant("BHT*0019*00*B1*20261201*1200~", ""));
    }

    @Test
    void aMissingRequiredLoopIsReportedByItsFirstSegment() {
        assertEquals(List.of("IK3 NM1 3 1000A"), variant("NM1*41*2*SUBMITTER*****46*S1~PER*IC*NAME*TE*5035550100~", ""));
        assertEquals(List.of("IK3 LX 3 2400"), variant("LX*1~SV3*AD:D0120*100.00~", ""));
    }

    @Test
    void aSegmentOverItsMaximumUseIsIk3Code5() {
        assertEquals(List.of("IK3 N3 5 2010AA"), variant("N3*1 MAIN ST~", "N3*1 MAIN ST~N3*2 MAIN ST~"));
        assertEquals(List.of(), variant("PER*IC*NAME*TE*5035550100~", "PER*IC*NAME*TE*5035550100~PER*IC*B*TE*1~"));
    }

    @Test
    void usesOfOneSegmentIdShareTheirPositionAndComeInAnyOrder() {
        assertEquals(List.of(), variant("DTP*472*D8*20261101~", "DTP*439*D8*20261001~DTP*472*D8*20261101~"));
        assertEquals(List.of(), variant("DTP*472*D8*20261101~", "DTP*472*D8*20261101~DTP*439*D8*20261001~"));
        assertEquals(List.of("IK3 DTP 5 2300"),
                variant("DTP*472*D8*20261101~", "DTP*472*D8*20261101~DTP*439*D8*20261001~DTP*472*D8*20261102~"));
    }

    @Test
    void aSegmentBeforeItsPlaceIsOutOfSequence() {
        assertEquals(List.of("IK3 DTP 7 2300"), variant("SV3*AD:D0120*100.00~", "SV3*AD:D0120*100.00~DTP*472*D8*20261101~"));
    }

    @Test
    void unknownAndUnexpectedSegments() {
        assertEquals(List.of("IK3 ZZZ 1 2300"), variant("DTP*472*D8*20261101~", "DTP*472*D8*20261101~ZZZ*1~"));
        assertEquals(List.of("IK3 PAT 2 2300"), variant("DTP*472*D8*20261101~", "DTP*472*D8*20261101~PAT*19~"));
    }

    @Test
    void aQualifierTheGuideDoesNotAllowIsAnInvalidCode() {
        assertEquals(List.of("IK4 NM101 7 2000A"), variant("NM1*85*2*PROVIDER~", "NM1*XX*2*PROVIDER~").subList(0, 1));
    }

    @Test
    void hierarchy() {
        // HL02 names an HL that does not exist
        assertEquals(List.of("IK4 HL02 7 2000B"), variant("HL*2*1*22*0", "HL*2*9*22*0"));
        // an HL id used twice
        assertEquals(List.of("IK4 HL01 7 2000B"), variant("HL*2*1*22*0", "HL*1*1*22*0"));
        // a patient level under a subscriber whose HL04 is 0
        assertEquals(List.of("IK4 HL02 7 2000C"),
                variant("SBR*P*18*******CI~", "SBR*P*18*******CI~HL*3*2*23*0~PAT*19~"));
        // a subscriber under a subscriber (and the first one, whose HL04 promised a child, gets none)
        assertEquals(List.of("IK4 HL04 7 2000B", "IK4 HL02 7 2000B"),
                variant("HL*2*1*22*0~SBR*P*18*******CI~", "HL*2*1*22*1~SBR*P*18*******CI~HL*3*2*22*0~SBR*P*18*******CI~"));
        // HL04 1 with no child
        assertEquals(List.of("IK4 HL04 7 2000B"), variant("HL*2*1*22*0", "HL*2*1*22*1"));
        // a claim under a patient level
        assertEquals(List.of(), variant("HL*2*1*22*0~SBR*P*18*******CI~",
                "HL*2*1*22*1~SBR*P********CI~HL*3*2*23*0~PAT*19~"));
    }

    @Test
    void loopOverItsRepeatIsIk3Code4() {
        StringBuilder lines = new StringBuilder();
        for (int i = 1; i <= 51; i++) {
            lines.append("LX*").append(i).append("~SV3*AD:D0120*1~");
        }
        List<String> errors = variant("LX*1~SV3*AD:D0120*100.00~", lines.toString());
        assertEquals(List.of("IK3 LX 4 2400"), errors);
    }

    @Test
    void elements() {
        assertEquals(List.of("IK4 N301 1 2010AA"), variant("N3*1 MAIN ST", "N3*"));
        assertEquals(List.of("IK4 HL02 I10 2000A"), variant("HL*1**20*1", "HL*1*7*20*1"));
        assertEquals(List.of("IK4 N401 4 2010AA"), variant("N4*PORTLAND*OR", "N4*P*OR"));
        assertEquals(List.of("IK4 N402 5 2010AA"), variant("N4*PORTLAND*OR", "N4*PORTLAND*ORE"));
        assertEquals(List.of("IK4 CLM01 5 2300"), variant("CLM*A1*", "CLM*" + "A".repeat(39) + "*"));
        assertEquals(List.of("IK4 SBR01 7 2000B"), variant("SBR*P*", "SBR*X*"));
        assertEquals(List.of("IK4 CLM05-03 7 2300"), variant("11:B:1", "11:B:9"));
        assertEquals(List.of("IK4 CLM05-02 1 2300"), variant("11:B:1", "11::1"));
        assertEquals(List.of("IK4 CLM05-04 13 2300"), variant("11:B:1", "11:B:1:X"));
        assertEquals(List.of("IK4 CLM02 6 2300"), variant("CLM*A1*100.00", "CLM*A1*1O0.00"));
        assertEquals(List.of("IK4 LX01 6 2400"), variant("LX*1", "LX*1A"));
        assertEquals(List.of("IK4 BHT04 8 HEADER"), variant("20261201", "20261301"));
        assertEquals(List.of("IK4 BHT05 9 HEADER"), variant("*1200~", "*2500~"));
        assertEquals(List.of("IK4 N301 6 2010AA"), variant("N3*1 MAIN ST", "N3*1 MAIN:ST"));
        assertEquals(List.of("IK4 N301 12 2010AA"), variant("N3*1 MAIN ST", "N3*1 MAIN^ST"));
        assertEquals(List.of("IK4 N301 6 2010AA"), variant("N3*1 MAIN ST", "N3*1 MAIN\u0001ST"));
        assertEquals(List.of("IK4 N403 3 2010AA"), variant("N4*PORTLAND*OR", "N4*PORTLAND*OR*97201"));
        assertEquals(List.of(), variant("N4*PORTLAND*OR", "N4*PORTLAND*OR**"));
    }

    @Test
    void syntaxNotes() {
        // P0809: NM108 without NM109
        assertEquals(List.of("IK4 NM109 1 1000A", "IK4 NM109 2 1000A"), variant("*46*S1~", "*46~"));
        // P0304 on PER: both present or neither
        assertEquals(List.of("IK4 PER04 1 1000A", "IK4 PER04 2 1000A"), variant("PER*IC*NAME*TE*5035550100", "PER*IC*NAME*TE"));
    }

    @Test
    void aNotUsedSegmentAndTheEndOfTheSet() {
        // SE missing: the set ends; nothing further is reported by the validator (the 999's IK5 2 covers it)
        String noSe = VALID.substring(0, VALID.lastIndexOf("~SE"));
        GuideValidator v = new GuideValidator(mini);
        List<String> out = new ArrayList<>();
        GuideReport report = collecting(out);
        String[] segs = noSe.split("~");
        v.start(Segment.of(segs[0], Delimiters.STANDARD, 1), report);
        for (int i = 1; i < segs.length; i++) {
            v.segment(Segment.of(segs[i], Delimiters.STANDARD, i + 1), report);
        }
        v.end(null, report);
        assertEquals(List.of(), out);
    }
}
