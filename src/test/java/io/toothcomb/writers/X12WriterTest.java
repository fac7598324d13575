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
}
