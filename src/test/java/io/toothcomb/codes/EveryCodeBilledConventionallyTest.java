package io.toothcomb.codes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.toothcomb.api.Toothcomb;
import io.toothcomb.model.ToothDesignation;
import io.toothcomb.result.ClaimResult;
import io.toothcomb.result.ScrubListener;
import io.toothcomb.result.ScrubSummary;
import io.toothcomb.rules.Finding;
import io.toothcomb.rules.Severity;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * One claim per code of the bundled code set in force on a date, billed the way the table says the code is
 * billed: a tooth of the right class and dentition (and its surfaces) where the code is per tooth, a quadrant or
 * arch (matching the tooth) where the area wants one, nothing where the code is per visit, a quantity of 2
 * where the code counts units. Every claim must be accepted by the bundled packs and none may be unknown.
 * The form comes from the table alone, so the test grows with the table.
 */
class EveryCodeBilledConventionallyTest {
    private static final DateTimeFormatter D8 = DateTimeFormatter.BASIC_ISO_DATE;

    @ParameterizedTest(name = "codes in force on {0}, filing {1}")
    @CsvSource({"2026-06-15, CI", "2025-06-15, CI", "2026-06-15, MC", "2025-06-15, MC"})
    void everyCodeInForceIsAcceptedInItsConventionalForm(String day, String filing, @TempDir Path dir)
            throws IOException {
        LocalDate dos = LocalDate.parse(day);
        CodeSet set = CodeSet.bundled();
        List<CodeInfo> rows = new ArrayList<>();
        for (String code : set.codesWhere(c -> true)) {
            CodeInfo row = set.lookup(code, dos);
            if (row != null) {
                rows.add(row);
            }
        }
        assertTrue(rows.size() >= 80, "the bundled table has its codes: " + rows.size());
        StringBuilder x12 = new StringBuilder();
        Map<String, String> lineOf = new TreeMap<>();
        x12.append("ISA*00*          *00*          *ZZ*TCSUBMIT       *ZZ*TCRECEIVE      *260101*1200*^*00501*"
                + "000000101*0*T*:~\nGS*HC*TCSUBMIT*TCRECEIVE*20260101*1200*101*X*005010X224A2~\n");
        List<String> set837 = new ArrayList<>();
        set837.add("ST*837*0001*005010X224A2");
        set837.add("BHT*0019*00*EVERYCODE*20260101*1200*CH");
        set837.add("NM1*41*2*FIXTURE SUBMITTER*****46*TCSUBMIT");
        set837.add("PER*IC*BILLING*TE*5555550100");
        set837.add("NM1*40*2*FIXTURE PAYER*****46*TCRECEIVE");
        set837.add("HL*1**20*1");
        set837.add("NM1*85*2*FIXTURE DENTAL GROUP*****XX*1234567893");
        set837.add("N3*100 MAIN ST");
        set837.add("N4*SPRINGFIELD*IL*627010000");
        set837.add("REF*EI*123456789");
        int hl = 2;
        for (CodeInfo row : rows) {
            String line = sv3(row);
            lineOf.put(row.code(), line.replace("\n", " "));
            // a primary-tooth code on a seven-year-old, anything else on an adult (who keeps a Medicaid D1354
            // within its 0-20 age range at 20)
            int age = row.dentition() == CodeInfo.Dentition.PRIMARY ? 7 : filing.equals("MC") ? 20 : 34;
            set837.add("HL*" + hl + "*1*22*0");
            set837.add("SBR*P*18*GRP100******" + filing);
            set837.add("NM1*IL*1*DOE*JANE****MI*MEMBER" + hl);
            set837.add("N3*12 ELM ST");
            set837.add("N4*SPRINGFIELD*IL*627010000");
            set837.add("DMG*D8*" + dos.minusYears(age).minusMonths(2).format(D8) + "*F");
            set837.add("NM1*PR*2*FIXTURE PAYER*****PI*TCPAYER01");
            set837.add("CLM*" + row.code() + "C*" + charge(row) + "***11:B:1*Y*A*Y*Y");
            set837.add("DTP*472*D8*" + dos.format(D8));
            set837.add("LX*1");
            set837.addAll(List.of(line.split("\n")));
            hl++;
        }
        set837.add("SE*" + (set837.size() + 1) + "*0001");
        x12.append(String.join("~\n", set837)).append("~\nGE*1*101~\nIEA*1*000000101~\n");
        Path in = dir.resolve("every-code.edi");
        Files.writeString(in, x12, StandardCharsets.US_ASCII);

        List<String> problems = new ArrayList<>();
        List<String> claims = new ArrayList<>();
        ScrubListener listener = new ScrubListener() {
            @Override
            public void claim(ClaimResult r) {
                String code = r.claim().id().substring(0, 5);
                claims.add(code);
                for (Finding f : r.findings()) {
                    if (f.severity() == Severity.ERROR || f.rule().equals("CODE-UNKNOWN")) {
                        problems.add(code + " billed as " + lineOf.get(code) + ": " + f.rule() + " " + f.message());
                    }
                }
            }
        };
        ScrubSummary s = Toothcomb.builder().build().scrub(in, List.of(listener));
        assertEquals(List.of(), problems, "every code in force on " + dos + " is accepted in its conventional form");
        assertEquals(rows.size(), claims.size(), "one claim per code");
        assertEquals(rows.size(), s.accepted(), "every claim accepted, also in the 999 and the guide's situations");
    }

    /** The SV3 (and TOO) of a code billed the way the table says. */
    static String sv3(CodeInfo row) {
        String tooth = needsTooth(row) ? tooth(row) : null;
        String area = switch (row.area()) {
            case QUADRANT -> tooth != null ? ToothDesignation.parse(tooth).quadrant() : "10";
            case ARCH -> tooth != null ? ToothDesignation.parse(tooth).arch() : "01";
            default -> "";
        };
        String qty = row.quantity() == CodeInfo.Quantity.UNITS ? "2" : "1";
        StringBuilder b = new StringBuilder("SV3*AD:").append(row.code()).append('*').append(charge(row))
                .append("**").append(area).append("**").append(qty);
        if (tooth != null) {
            b.append("\nTOO*JP*").append(tooth);
            String surfaces = surfaces(row, ToothDesignation.parse(tooth));
            if (!surfaces.isEmpty()) {
                b.append('*').append(surfaces);
            }
        }
        return b.toString();
    }

    private static String charge(CodeInfo row) {
        return row.quantity() == CodeInfo.Quantity.UNITS ? "200.00" : "100.00";
    }

    private static boolean needsTooth(CodeInfo row) {
        return row.tooth() == CodeInfo.ToothUse.REQUIRED || (row.tooth() == CodeInfo.ToothUse.OPTIONAL
                && row.perTooth());
    }

    /** A tooth of the class and dentition the code wants (lower right, so it fits quadrant 40 and arch 02). */
    static String tooth(CodeInfo row) {
        boolean primary = row.dentition() == CodeInfo.Dentition.PRIMARY;
        return switch (row.toothClass()) {
            case ANTERIOR -> primary ? "P" : "27";
            case PREMOLAR -> "29";
            case MOLAR, POSTERIOR, ANY -> primary ? "T" : "30";
        };
    }

    /** As many surfaces as the code counts, letters of the tooth's class; one where a restoration does not say. */
    static String surfaces(CodeInfo row, ToothDesignation tooth) {
        int n = row.surfaces();
        if (n < 0 && row.has("restoration")) {
            n = 1;
        }
        if (n <= 0) {
            return "";
        }
        List<String> letters = tooth.anterior() ? List.of("F", "M", "D", "L") : List.of("O", "M", "D", "B");
        return String.join(":", letters.subList(0, Math.min(n, 4)));
    }
}
