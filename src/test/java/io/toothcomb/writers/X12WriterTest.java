package io.toothcomb.writers;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class X12WriterTest {

    @Test
    void writesUtf8ValuesDropsTrailingEmptiesAndCounts() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        X12Writer w = new X12Writer(bytes);
        w.segment("NM1", "QC", "1", "NUÑEZ", "JOSÉ", "", null, "");
        w.segment("SE", "2", "0001");
        assertEquals("NM1*QC*1*NUÑEZ*JOSÉ~\nSE*2*0001~\n", bytes.toString(StandardCharsets.UTF_8));
        assertEquals(2, w.count());
    }

    @Test
    void aLongSegmentGrowsTheBuffer() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        String note = "x".repeat(1000);
        new X12Writer(bytes).segment("NTE", "ADD", note);
        assertEquals("NTE*ADD*" + note + "~\n", bytes.toString(StandardCharsets.UTF_8));
    }

    @Test
    void cleanReplacesDelimitersAndLineBreaksOnly() {
        assertEquals("A B C D E F G-H", X12Writer.clean("A*B:C^D~E\nF\rG-H"));
        String untouched = "O'BRIEN & SONS, DDS";
        assertEquals(untouched, X12Writer.clean(untouched));
        assertEquals("", X12Writer.clean(null));
        assertEquals("A B", X12Writer.text("  A*BCDEF ", 3), "cleaned, trimmed, then cut to the maximum");
    }

    /** The element-by-element builder writes what {@link X12Writer#segment} writes with the static helpers. */
    @Test
    void theBuilderWritesWhatTheHelpersWrite() throws IOException {
        String[] texts = {"  O'BRIEN*SMITH~  ", "NUÑEZ:JOSÉ^Ø", "\t\n", "", null, "x".repeat(300), "AB  CD  ",
                "ÅSE*" + "é".repeat(70)};
        java.time.LocalDate from = java.time.LocalDate.of(2025, 12, 31);
        java.time.LocalDate to = java.time.LocalDate.of(2026, 1, 2);
        for (String t : texts) {
            for (int max : new int[] {1, 4, 60, 264}) {
                ByteArrayOutputStream viaHelpers = new ByteArrayOutputStream();
                new X12Writer(viaHelpers).segment("NM1", "QC", "", X12Writer.text(t, max), String.valueOf(max),
                        X12Writer.date(from), X12Writer.date(from) + "-" + X12Writer.date(to), "", null);
                ByteArrayOutputStream viaBuilder = new ByteArrayOutputStream();
                new X12Writer(viaBuilder).begin("NM1").el("QC").el("").freeText(t, max).num(max).d8(from)
                        .rd8(from, to).el("").el(null).end();
                assertEquals(viaHelpers.toString(StandardCharsets.UTF_8), viaBuilder.toString(StandardCharsets.UTF_8),
                        "text " + t + " max " + max);
            }
        }
    }

    @Test
    void theBuilderDropsTrailingEmptiesEvenWhenTextTrimsToNothing() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        X12Writer w = new X12Writer(bytes);
        w.begin("NM1").el("QC").el("1").freeText("  ** ", 60).el("").end();
        w.begin("HL").num(0).num(1234567890).el("PT").end();
        assertEquals("NM1*QC*1~\nHL*0*1234567890*PT~\n", bytes.toString(StandardCharsets.UTF_8));
        assertEquals(2, w.count());
    }

    /** Amounts as X12 R values: trailing zeros beyond the point dropped, no exponent, at whatever scale. */
    @Test
    void amountsArePlainWithoutTrailingZeros() {
        java.math.BigDecimal[] values = {new java.math.BigDecimal("69.00"), new java.math.BigDecimal("69"),
                new java.math.BigDecimal("69.0"), new java.math.BigDecimal("69.50"), new java.math.BigDecimal("0.00"),
                new java.math.BigDecimal("1E+3"), new java.math.BigDecimal("1200.10"), new java.math.BigDecimal("-5.250")};
        String[] expected = {"69", "69", "69", "69.5", "0", "1000", "1200.1", "-5.25"};
        for (int i = 0; i < values.length; i++) {
            assertEquals(expected[i], X12Writer.amount(values[i]), values[i].toString());
        }
        assertEquals("0", X12Writer.amount(null));
    }
}
