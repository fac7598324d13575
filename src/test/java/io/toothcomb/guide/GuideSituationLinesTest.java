package io.toothcomb.guide;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The {@code situation} statement of a guide table: how it is read, and what the reader refuses. */
class GuideSituationLinesTest {

    @Test
    void theDentalTableReadsEveryLineWithItsStatus() {
        List<Guide.Situation> all = Guide.dental837().situations();
        assertEquals(17, all.size());
        Guide.Situation s = all.stream().filter(t -> t.loop().equals("2400") && t.usage() == 'R'
                && t.qualifier().equals("DTP01=472")).findFirst().orElseThrow();
        assertEquals(Guide.ConditionKind.ABSENT, s.when().kind());
        assertEquals("2300", s.when().loop());
        assertEquals("DTP*472", s.when().target());
        assertEquals("A6", s.category());
        assertEquals("187", s.statusCode());
        assertEquals("line date when the claim has none (not for CLM19=PB, see above)", s.note());
        Guide.Situation dmg = all.stream().filter(t -> t.segment().equals("DMG") && t.usage() == 'R')
                .findFirst().orElseThrow();
        assertEquals("158:IL", dmg.statusCode());
        assertEquals(Guide.ConditionKind.EQUALS, dmg.when().kind());
        assertEquals("SBR02", dmg.when().elementName());
        assertEquals(List.of("18"), dmg.when().values());
        Guide.Situation too = all.stream().filter(t -> t.segment().equals("TOO")).findFirst().orElseThrow();
        assertEquals(Guide.ConditionKind.COUNT_OVER_ONE, too.when().kind());
        assertEquals(6, too.when().element());
        Guide.Situation freq = all.stream().filter(t -> t.condition().startsWith("2300.CLM05-03=")).findFirst()
                .orElseThrow();
        assertEquals(5, freq.when().element());
        assertEquals(3, freq.when().component());
        assertEquals(List.of("7", "8"), freq.when().values());
    }

    @Test
    void aLineWithoutStatusRejectsWithTheGenericCode() throws IOException {
        Guide g = parse("situation 2300 DTP[DTP01=472] R when 2300.CLM05-03=7 : a note");
        Guide.Situation s = g.situations().get(0);
        assertEquals("", s.status());
        assertEquals("A6", s.category());
        assertEquals("0", s.statusCode());
        assertEquals("DTP*472", s.target());
    }

    @Test
    void brokenLinesAreRefusedWithTheirLine() {
        assertRefused("situation 2300 DTP R when 2300.CLM05-03=7 status A6 : a note", "status");
        assertRefused("situation 2300 DTP R when 2300.CLM05-03=7 status : a note", "status");
        assertRefused("situation 2300 DTP R when 2300.CLM05 : a note", "= or !=");
        assertRefused("situation 2300 DTP R when sometimes 2300.DTP : a note", "is not");
        assertRefused("situation 2300 TOO R when count>1 2300.CLM05!=1 : a note", "only makes sense with N");
        assertRefused("situation 2999 DTP R when 2300.CLM05=7 : a note", "no loop 2999");
        assertRefused("situation 2300 ZZZ R when 2300.CLM05=7 : a note", "holds no ZZZ");
        assertRefused("situation 2300 DTP R when 2300.CLM05=TOOLONGVALUE : a note", "1 to 7 characters");
    }

    @Test
    void aConditionOnALoopAfterTheTargetIsRefused() throws IOException {
        Guide g = parse("situation 2300 DTP R when present 2400.LX : a note");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new SituationChecker(g, "2300"));
        assertTrue(e.getMessage().contains("comes after it"), e.getMessage());
    }

    private static void assertRefused(String line, String why) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> parse(line));
        assertTrue(e.getMessage().contains(why) && e.getMessage().contains("line "), e.getMessage());
    }

    /** A small table: a claim loop (CLM, DTP) with a line loop (LX), and one situation line. */
    private static Guide parse(String situation) throws IOException {
        String table = String.join("\n",
                "guide 837 TEST : mini",
                "loop HEADER - R 1 : heading",
                "seg ST R 1 : header",
                "loop 2300 HEADER R >1 : claim",
                "seg CLM R 1 : claim",
                "seg DTP S 1 [DTP01=472] : date",
                "seg TOO S 1 : tooth",
                "loop 2400 2300 R >1 : line",
                "seg LX R 1 : line",
                "loop TRAILER - R 1 : trailer",
                "seg SE R 1 : trailer",
                situation, "");
        return Guide.parse(new ByteArrayInputStream(table.getBytes(StandardCharsets.UTF_8)), "test.guide");
    }
}
