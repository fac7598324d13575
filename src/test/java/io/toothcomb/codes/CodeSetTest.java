package io.toothcomb.codes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.toothcomb.rules.Finding;
import io.toothcomb.rules.engine.RuleEngine;
import io.toothcomb.rules.engine.RulePack;
import io.toothcomb.rules.engine.RuleRegistry;
import io.toothcomb.rules.Severity;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CodeSetTest {
    private static final String HEAD = "# source A1: a payer manual, Example, 2026, https://example.org/manual\n"
            + "code\tfrom\tto\ttooth\tper_tooth\tdentition\tsurfaces\tarea\tclass\tquantity\tflags\treplacement\t"
            + "label\tsource\n";
    private static final String ROW = "D4998\t-\t\tnone\tn\tany\t0\tnone\tany\tunits\t\t\tdeep sedation, first 15 "
            + "minutes\tA1";

    private static CodeSet parse(String text) throws IOException {
        return CodeSet.parse(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), "my.codes",
                CodeSet.bundled().sources());
    }

    @Test
    void readsAV2RowWithItsSources() throws IOException {
        CodeSet s = parse(HEAD + ROW + "\n");
        CodeInfo r = s.lookup("D4998", LocalDate.of(2019, 1, 1));
        assertEquals(CodeInfo.Quantity.UNITS, r.quantity());
        assertNull(r.from(), "'-': in force before 2018");
        assertEquals(List.of("A1"), r.sources());
        assertEquals("a payer manual, Example, 2026, https://example.org/manual", s.source("A1"));
        assertEquals("my.codes:3", r.file());
    }

    @Test
    void theBundledTableIsV2WithSourcesForEveryRow() {
        CodeSet s = CodeSet.bundled();
        for (String code : s.codesWhere(c -> true)) {
            for (CodeInfo r : s.history(code)) {
                assertTrue(!r.sources().isEmpty(), code);
                r.sources().forEach(id -> assertTrue(s.source(id) != null, code + " cites " + id));
            }
        }
        assertNull(s.lookup("D9985", LocalDate.of(2018, 1, 1)).from(), "D9985 is not dated 2000 any more");
        assertEquals(CodeInfo.Area.UPPER, s.lookup("D5110", LocalDate.of(2026, 1, 1)).area());
        assertEquals(CodeInfo.Quantity.UNITS, s.lookup("D0230", LocalDate.of(2026, 1, 1)).quantity());
        assertNull(s.lookup("D1352", LocalDate.of(2026, 1, 1)));
    }

    /** A broken row fails naming file and line. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "undefined source | D4998\t-\t\tnone\tn\tany\t0\tnone\tany\tunits\t\t\tsedation\tZ9 | 3 | source 'Z9' is not defined",
        "empty source     | D4998\t-\t\tnone\tn\tany\t0\tnone\tany\tunits\t\t\tsedation\t<blank> | 3 | column source is empty",
        "bad quantity     | D4998\t-\t\tnone\tn\tany\t0\tnone\tany\tmany\t\t\tsedation\tA1 | 3 | column quantity 'many'",
        "bad area         | D4998\t-\t\tnone\tn\tany\t0\tmouth\tany\tone\t\t\tsedation\tA1 | 3 | column area 'mouth'",
        "bad from         | D4998\t2018\t\tnone\tn\tany\t0\tnone\tany\tone\t\t\tsedation\tA1 | 3 | column from '2018'",
        "too few columns  | D4998\t-\t\tnone\tn\tany\t0\tnone\tany\tone\t\tsedation\tA1     | 3 | expected 14",
        "not a code       | 9222\t-\t\tnone\tn\tany\t0\tnone\tany\tone\t\t\tsedation\tA1   | 3 | not a CDT code",
    })
    void aBrokenRowNamesFileAndLine(String what, String row, int line, String message) {
        CodeSet.CodeSetException e = assertThrows(CodeSet.CodeSetException.class, () -> parse(HEAD + row.strip()
                .replace("<blank>", " ") + "\n"));
        assertTrue(e.getMessage().startsWith("my.codes:" + line + ": "), what + ": " + e.getMessage());
        assertTrue(e.getMessage().contains(message), what + ": " + e.getMessage());
    }

    @Test
    void overlappingSpansAndAMissingColumnAreRefused() {
        String two = HEAD + "D4998\t-\t2022-12-31\tnone\tn\tany\t0\tnone\tany\tunits\t\t\ta\tA1\n"
                + "D4998\t2022-06-01\t\tnone\tn\tany\t0\tnone\tany\tunits\t\t\tb\tA1\n";
        assertTrue(assertThrows(CodeSet.CodeSetException.class, () -> parse(two)).getMessage()
                .startsWith("my.codes:4: the dates of this D4998 row overlap its row on line 3"));
        String noQuantity = "code\tfrom\tto\ttooth\tper_tooth\tdentition\tsurfaces\tarea\tclass\tflags\treplacement"
                + "\tlabel\tsource\n";
        assertTrue(assertThrows(CodeSet.CodeSetException.class, () -> parse(noQuantity)).getMessage()
                .contains("my.codes:1: the header has no column 'quantity'"));
    }

    @Test
    void anOverlayReplacesEveryRowOfTheCodesItLists() throws IOException {
        CodeSet base = CodeSet.bundled();
        CodeSet over = base.overlay(parse(HEAD + "D1352\t-\t2026-12-31\trequired\ty\tany\t-\tnone\tany\tone\t\t\t"
                + "our payer still takes it in 2026\tA1\n" + ROW + "\n"));
        assertTrue(over.lookup("D1352", LocalDate.of(2026, 6, 1)) != null, "the override keeps D1352 for 2026");
        assertEquals(1, over.history("D1352").size());
        assertTrue(over.knows("D4998") && !base.knows("D4998"));
        assertEquals(base.lookup("D4341", LocalDate.of(2026, 1, 1)), over.lookup("D4341", LocalDate.of(2026, 1, 1)));
    }

    /** With a table that lists every code in force on the date, a well-formed unknown code is an error. */
    @Test
    void anUnknownCodeIsAnErrorOnlyWhereTheTableIsComplete() throws IOException {
        CodeSet complete = parse("# complete: 2026-01-01 2026-12-31\n" + HEAD + ROW + "\n");
        assertEquals(Severity.ERROR, unknownSeverity(complete, "20260310"));
        assertEquals(Severity.WARNING, unknownSeverity(complete, "20250310"));
        assertEquals(Severity.WARNING, unknownSeverity(CodeSet.bundled(), "20260310"));
    }

    private static Severity unknownSeverity(CodeSet codes, String dos) throws IOException {
        RulePack p = new RulePack("p", null, Set.of(), Set.of(), Map.of("CODE-UNKNOWN",
                new RulePack.RuleConfig("CODE-UNKNOWN", null, Map.of(), 1)), Set.of(), "", "p.pack");
        RuleEngine engine = new RuleEngine(Map.of("p", p), RuleRegistry.bundled(), codes);
        String x12 = "ISA*00*          *00*          *ZZ*TCSUBMIT       *ZZ*TCRECEIVE      *260101*1200*^*00501*"
                + "000000101*0*T*:~GS*HC*TCSUBMIT*TCRECEIVE*20260101*1200*101*X*005010X224A2~"
                + "ST*837*0001*005010X224A2~BHT*0019*00*X1*20260101*1200*CH~NM1*41*2*SUB*****46*TCSUBMIT~"
                + "PER*IC*BILLING*TE*5555550100~NM1*40*2*PAYER*****46*TCRECEIVE~HL*1**20*1~"
                + "NM1*85*2*GROUP*****XX*1234567893~N3*100 MAIN ST~N4*SPRINGFIELD*IL*627010000~REF*EI*123456789~"
                + "HL*2*1*22*0~SBR*P*18*GRP100******CI~NM1*IL*1*DOE*JANE****MI*M1~N3*12 ELM ST~"
                + "N4*SPRINGFIELD*IL*627010000~DMG*D8*19800115*F~NM1*PR*2*PAYER*****PI*P1~"
                + "CLM*C1*100***11:B:1*Y*A*Y*Y~DTP*472*D8*" + dos + "~LX*1~SV3*AD:D9876*100~SE*24*0001~"
                + "GE*1*101~IEA*1*000000101~";
        List<Finding> found = new java.util.ArrayList<>();
        io.toothcomb.loader.ClaimLoader.load(new ByteArrayInputStream(x12.getBytes(StandardCharsets.US_ASCII)), "t",
                new io.toothcomb.loader.LoadHandler() {
                    @Override
                    public void claim(io.toothcomb.loader.ClaimUnit unit) {
                        found.addAll(engine.check(unit.claim()));
                    }
                });
        assertEquals(1, found.size(), found.toString());
        assertEquals("CODE-UNKNOWN", found.get(0).rule());
        return found.get(0).severity();
    }
}
