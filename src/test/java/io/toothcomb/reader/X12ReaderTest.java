package io.toothcomb.reader;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class X12ReaderTest {
    static final String ISA_STAR = "ISA*00*          *00*          *ZZ*SENDER         *ZZ*RECEIVER       *250101*1200*^*00501*000000001*0*T*:~";

    static List<Segment> read(String text, int buffer) throws Exception {
        List<Segment> out = new ArrayList<>();
        try (X12Reader r = new X12Reader(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), "t.edi", buffer)) {
            Segment s;
            while ((s = r.next()) != null) {
                out.add(s);
            }
        }
        return out;
    }

    @Test
    void delimitersComeFromTheIsa() throws Exception {
        String isa = ISA_STAR.replace('*', '|').replace("|^|", "|!|").replace(":~", ">!").replace("^", "!");
        // element |, repetition ^, component >, terminator !  (ISA11 must differ from the terminator)
        isa = "ISA|00|          |00|          |ZZ|SENDER         |ZZ|RECEIVER       |250101|1200|^|00501|000000001|0|T|>!";
        String text = isa + "GS|HC|A|B|20250101|1200|1|X|005010X224A2!SV3|AD>D1354|40||||1!TOO|JP|3|M>O!";
        List<Segment> segs = read(text, 1 << 16);
        assertEquals(List.of("ISA", "GS", "SV3", "TOO"), segs.stream().map(Segment::id).toList());
        Segment sv3 = segs.get(2);
        assertEquals("D1354", sv3.component(1, 2));
        assertEquals("1", sv3.element(6));
        assertEquals(List.of("M", "O"), segs.get(3).components(3));
        assertEquals('^', segs.get(0).delimiters().repetitionChar());
        assertEquals('!', segs.get(0).delimiters().segmentChar());
    }

    @Test
    void crlfAfterTerminatorsIsSkippedAndLinesCounted() throws Exception {
        String text = ISA_STAR + "\r\nGS*HC*A*B*20250101*1200*1*X*005010X224A2~\r\nST*837*0001*005010X224A2~\r\n";
        List<Segment> segs = read(text, 1 << 16);
        assertEquals(3, segs.size());
        assertEquals(3, segs.get(2).line());
        assertEquals(3, segs.get(2).ordinal());
        assertEquals(text.indexOf("ST*"), segs.get(2).byteOffset());
        assertEquals("ST*837*0001*005010X224A2", segs.get(2).text());
    }

    /**
     * What real senders put between segments: CR, LF, CRLF, spaces and tabs, and indented segments; none of it is
     * part of a segment, and the segments, numbers, lines and offsets are those of the file without it.
     */
    @Test
    void whitespaceAndIndentationBetweenSegmentsIsSkipped() throws Exception {
        String gs = "GS*HC*A*B*20250101*1200*1*X*005010X224A2";
        String st = "ST*837*0001*005010X224A2";
        String se = "SE*2*0001";
        for (String between : List.of("\n", "\r\n", "\r", " ", "\t", "  \r\n\t  ", "\n    ", "\t\n\t", " \n \n ")) {
            String text = " \t" + ISA_STAR + between + gs + "~" + between + st + "~" + between + se + "~" + between;
            for (int buffer : new int[] {256, 1 << 16}) {
                List<Segment> segs = read(text, buffer);
                String what = "between " + between.replace("\r", "CR").replace("\n", "LF").replace("\t", "TAB")
                        + ", buffer " + buffer;
                assertEquals(List.of("ISA", "GS", "ST", "SE"), segs.stream().map(Segment::id).toList(), what);
                assertEquals(gs, segs.get(1).text(), what);
                assertEquals(se, segs.get(3).text(), what);
                assertEquals("0001", segs.get(3).element(2), what);
                assertEquals(text.indexOf("ST*"), segs.get(2).byteOffset(), what);
                long lf = text.substring(0, text.indexOf("ST*")).chars().filter(c -> c == '\n').count();
                assertEquals(1 + lf, segs.get(2).line(), what);
                assertTrue(segs.stream().allMatch(Segment::terminated), what);
            }
        }
    }

    @Test
    void indentedSegmentsWithNewlineTerminator() throws Exception {
        String isa = ISA_STAR.replace("~", "\n");
        List<Segment> segs = read(isa + "  GS*HC*A*B*20250101*1200*1*X*005010X224A2\n\tST*837*0001\n", 1 << 16);
        assertEquals(List.of("ISA", "GS", "ST"), segs.stream().map(Segment::id).toList());
        assertEquals("ST*837*0001", segs.get(2).text());
        assertEquals(3, segs.get(2).line());
    }

    /** Skipping a set looks past the same whitespace as reading it. */
    @Test
    void skippingASetSkipsWhitespaceToo() throws Exception {
        String text = ISA_STAR + "\n  GS*HC*A*B*20250101*1200*1*X*005010X224A2~\n  ST*837*0001*005010X224A2~\n\t BHT*0019~ \r\n"
                + "  SE*3*0001~\n  GE*1*1~\n";
        try (X12Reader r = new X12Reader(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), "t.edi")) {
            assertEquals("ISA", r.next().id());
            assertEquals("GS", r.next().id());
            assertEquals("ST", r.next().id());
            long end = r.skipTransactionSet();
            assertEquals(text.indexOf("SE*3*0001~") + "SE*3*0001~".length(), end);
            Segment ge = r.next();
            assertEquals("GE*1*1", ge.text());
            assertEquals(6, ge.ordinal());
            assertEquals(6, ge.line());
        }
    }

    @Test
    void newlineAsTerminator() throws Exception {
        String isa = ISA_STAR.replace("~", "\n");
        List<Segment> segs = read(isa + "GS*HC*A*B*20250101*1200*1*X*005010X224A2\nST*837*0001\n", 1 << 16);
        assertEquals(List.of("ISA", "GS", "ST"), segs.stream().map(Segment::id).toList());
        assertEquals(3, segs.get(2).line());
    }

    @Test
    void eachInterchangeBringsItsOwnDelimiters() throws Exception {
        String second = "ISA|00|          |00|          |ZZ|SENDER         |ZZ|RECEIVER       |250101|1200|^|00501|000000002|0|T|>!";
        List<Segment> segs = read(ISA_STAR + "IEA*0*000000001~\n" + second + "IEA|0|000000002!", 1 << 16);
        assertEquals(4, segs.size());
        assertEquals("000000002", segs.get(3).element(2));
    }

    @Test
    void tinyBufferGivesTheSameSegments() throws Exception {
        Path sample = Path.of("edi-samples/dependents.edi");
        String text = Files.readString(sample);
        List<Segment> big = read(text, 1 << 20);
        List<Segment> small = read(text, 256);
        assertEquals(big.size(), small.size());
        for (int i = 0; i < big.size(); i++) {
            assertEquals(big.get(i).text(), small.get(i).text());
            assertEquals(big.get(i).byteOffset(), small.get(i).byteOffset());
            assertEquals(big.get(i).line(), small.get(i).line());
        }
    }

    @Test
    void unknownSegmentIsCarried() throws Exception {
        List<Segment> segs = read(ISA_STAR + "ZZZ*1*2~GS*HC~", 1 << 16);
        assertEquals("ZZZ", segs.get(1).id());
        assertEquals("2", segs.get(1).element(2));
    }

    @Test
    void truncatedLastSegmentIsFlagged() throws Exception {
        List<Segment> segs = read(ISA_STAR + "GS*HC~SV3*AD:D1", 1 << 16);
        Segment last = segs.get(2);
        assertFalse(last.terminated());
        assertTrue(segs.get(1).terminated());
        assertEquals("SV3*AD:D1", last.text());
    }

    @Test
    void notX12SaysWhereAndWhy() {
        X12Exception e = assertThrows(X12Exception.class, () -> read("hello world~", 1 << 16));
        assertTrue(e.getMessage().startsWith("t.edi: segment 1 (byte 0)"), e.getMessage());
        assertTrue(e.getMessage().contains("ISA"));
    }

    @Test
    void missingTerminatorIsCaughtNotBuffered() {
        StringBuilder b = new StringBuilder(ISA_STAR).append("NTE*ADD*");
        b.append("x".repeat(X12Reader.MAX_SEGMENT_BYTES + 10));
        X12Exception e = assertThrows(X12Exception.class, () -> read(b.toString(), 1 << 16));
        assertTrue(e.getMessage().contains("terminator"), e.getMessage());
    }

    @Test
    void caretColumns() {
        Segment s = Segment.of("SV3*AD:D1354*160****4", Delimiters.STANDARD, 1);
        assertEquals(4, s.column(1));
        assertEquals(8, s.width(1));
        assertEquals(20, s.column(6));
        assertEquals("", s.element(3));
        assertNull(null);
    }

    /** The allocation-free accessors give what the String ones give. */
    @Test
    void byteAccessorsAgreeWithStringAccessors() {
        java.util.Random r = new java.util.Random(7);
        String alphabet = "0123456789.-+e :xé";
        for (int n = 0; n < 20000; n++) {
            StringBuilder b = new StringBuilder();
            int len = r.nextInt(22);
            for (int k = 0; k < len; k++) {
                b.append(alphabet.charAt(r.nextInt(alphabet.length())));
            }
            String v = b.toString();
            if (v.indexOf('*') >= 0) {
                continue;
            }
            Segment s = Segment.of("X*" + v + "*" + v, Delimiters.STANDARD, 1);
            assertEquals(oldAmount(v), s.decimal(1), v);
            assertEquals(s.components(1), s.componentList(1), v);
            String digits = v.chars().allMatch(c -> c >= '0' && c <= '9') && !v.isEmpty() && v.length() <= 18
                    ? v : null;
            assertEquals(digits == null ? -1 : Long.parseLong(digits), s.digits(1, 0, s.elementLength(1)), v);
            byte[] bytes = v.getBytes(java.nio.charset.StandardCharsets.UTF_8);
            for (int from = 0; from <= 3; from++) {
                long expected = 0;
                if (from + 8 <= bytes.length) {
                    for (int k = 7; k >= 0; k--) {
                        expected = (expected << 8) | (bytes[from + k] & 0xff);
                    }
                }
                assertEquals(expected, s.eightBytes(1, from), v + " from " + from);
            }
        }
        assertEquals(0, Segment.of("X*2025010", Delimiters.STANDARD, 1).eightBytes(1, 0), "seven bytes: none");
        assertEquals(0, Segment.of("X*20250101", Delimiters.STANDARD, 1).eightBytes(2, 0), "no such element");
        assertEquals(-1, Segment.of("X", Delimiters.STANDARD, 1).digits(1, 0, 1));
        assertNull(Segment.of("X", Delimiters.STANDARD, 1).decimal(1));
        assertEquals(List.of(), Segment.of("X*::", Delimiters.STANDARD, 1).componentList(1));
    }

    /** How the loader read amounts before {@link Segment#decimal} (via a String and new BigDecimal). */
    private static java.math.BigDecimal oldAmount(String v) {
        if (v.isEmpty() || v.length() > 18) {
            return null;
        }
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            if (!((c >= '0' && c <= '9') || c == '.' || (c == '-' && i == 0))) {
                return null;
            }
        }
        try {
            return new java.math.BigDecimal(v);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /**
     * Skipping a transaction set counts segments and lines as reading it does: on every sample (CRLF, one-line,
     * pipe delimiters, several groups and interchanges) and with a buffer small enough that sets cross refills,
     * the segment read after each skipped set is the one a plain read finds there, with the same number, line
     * and offset, and the skip ends where that read's SE ended.
     */
    @Test
    void skippingASetCountsAsReadingIt() throws Exception {
        List<Path> samples;
        try (var files = Files.list(Path.of("edi-samples"))) {
            samples = files.filter(p -> p.toString().endsWith(".edi") && !p.toString().contains("truncated")).sorted()
                    .toList();
        }
        int sets = 0;
        for (Path sample : samples) {
            byte[] bytes = Files.readAllBytes(sample);
            List<Segment> all = new ArrayList<>();
            try (X12Reader r = new X12Reader(new ByteArrayInputStream(bytes), "t", 300)) {
                Segment s;
                while ((s = r.next()) != null) {
                    all.add(s);
                }
            }
            try (X12Reader r = new X12Reader(new ByteArrayInputStream(bytes), "t", 300)) {
                Segment s;
                while ((s = r.next()) != null) {
                    Segment same = all.get(s.ordinal() - 1);
                    String where = sample + " segment " + s.ordinal();
                    assertEquals(same.text(), s.text(), where);
                    assertEquals(same.line(), s.line(), where);
                    assertEquals(same.byteOffset(), s.byteOffset(), where);
                    if (s.id().equals("ST")) {
                        long end = r.skipTransactionSet();
                        Segment se = all.get(r.ordinal() - 1);
                        assertEquals("SE", se.id(), where);
                        assertTrue(end > se.byteOffset() && end <= bytes.length && bytes[(int) end - 1]
                                == se.delimiters().segment(), where + ": the skip ends past the SE terminator");
                        sets++;
                    }
                }
            }
        }
        assertTrue(sets >= 20, "sets skipped: " + sets);
    }

    @Test
    void aSetWithoutItsSeCannotBeSkipped() throws Exception {
        String head = ISA_STAR + "GS*HC*A*B*20250101*1200*1*X*005010X224A2~ST*837*0001*005010X224A2~BHT*0019~";
        for (String rest : List.of("GE*1*1~IEA*1*000000001~", "ST*837*0002*005010X224A2~SE*2*0002~", "HL*1**20*1~")) {
            try (X12Reader r = new X12Reader(new ByteArrayInputStream((head + rest).getBytes(StandardCharsets.UTF_8)),
                    "t.edi", 256)) {
                while (!r.next().id().equals("ST")) {
                    // up to the first ST
                }
                assertEquals(-1, r.skipTransactionSet(), rest);
            }
        }
    }

    /**
     * The tokenizer reads eight bytes at a time; a plain byte-by-byte reading of random segments (delimiters at
     * every position of a word, line breaks inside and between segments, CR before terminators, segments longer
     * than the look-ahead, small and large buffers) must find the same segments, elements, lines and offsets.
     */
    @Test
    void randomSegmentsReadAsAPlainByteScanReadsThem() throws Exception {
        java.util.Random random = new java.util.Random(42);
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 .:*-*:**";
        for (int round = 0; round < 60; round++) {
            StringBuilder text = new StringBuilder(ISA_STAR);
            int segments = 1 + random.nextInt(300);
            for (int k = 0; k < segments; k++) {
                int len = random.nextInt(20) == 0 ? 2000 + random.nextInt(3000) : random.nextInt(40);
                text.append((char) ('J' + random.nextInt(17))).append((char) ('A' + random.nextInt(26))); // no ISA
                for (int c = 0; c < len; c++) {
                    int r = random.nextInt(100);
                    text.append(r == 0 ? '\n' : r == 1 ? '\r' : alphabet.charAt(random.nextInt(alphabet.length())));
                }
                text.append(random.nextInt(10) == 0 ? "\r~" : "~");
                int gap = random.nextInt(4);
                text.append(gap == 0 ? "" : gap == 1 ? "\n" : gap == 2 ? "\r\n" : "\n\n");
            }
            byte[] data = text.toString().getBytes(StandardCharsets.ISO_8859_1);
            List<Object[]> expected = plainScan(data, (byte) '~');
            for (int buffer : new int[] {256, 1 << 16}) {
                List<Segment> got = new ArrayList<>();
                try (X12Reader r = new X12Reader(new ByteArrayInputStream(data), "t.edi", buffer)) {
                    Segment seg;
                    while ((seg = r.next()) != null) {
                        got.add(seg);
                    }
                }
                assertEquals(expected.size(), got.size(), "round " + round);
                for (int k = 0; k < got.size(); k++) {
                    Segment seg = got.get(k);
                    Object[] e = expected.get(k);
                    String where = "round " + round + " buffer " + buffer + " segment " + (k + 1);
                    assertEquals(e[0], seg.text(), where);
                    assertEquals(e[1], seg.line(), where);
                    assertEquals(e[2], seg.byteOffset(), where);
                    String[] elements = ((String) e[0]).split("\\*", -1);
                    assertEquals(elements.length - 1, seg.elementCount(), where);
                    for (int el = 1; el < elements.length; el++) {
                        assertEquals(elements[el], seg.element(el), where + " element " + el);
                    }
                }
            }
        }
    }

    /** Segments as {text, line, offset}, found one byte at a time the way the reader is documented to. */
    private static List<Object[]> plainScan(byte[] d, byte term) {
        List<Object[]> out = new ArrayList<>();
        int line = 1;
        int i = 0;
        while (i < d.length) {
            while (i < d.length && (d[i] == '\n' || d[i] == '\r')) {
                if (d[i] == '\n') {
                    line++;
                }
                i++;
            }
            if (i >= d.length) {
                break;
            }
            int start = i;
            int startLine = line;
            while (i < d.length && d[i] != term) {
                if (d[i] == '\n') {
                    line++;
                }
                i++;
            }
            int end = i;
            while (end > start && d[end - 1] == '\r') {
                end--;
            }
            out.add(new Object[] {new String(d, start, end - start, StandardCharsets.ISO_8859_1), startLine,
                    (long) start});
            i++;
        }
        return out;
    }
}
