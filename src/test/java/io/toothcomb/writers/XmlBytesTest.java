package io.toothcomb.writers;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.toothcomb.reader.Delimiters;
import io.toothcomb.reader.Segment;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;

/**
 * Values with markup characters, control characters and non-ASCII text come out as well-formed XML, in text and
 * in attributes.
 */
class XmlBytesTest {

    @Test
    void escapesWhatXmlCannotHoldAndKeepsUtf8() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        XmlBytes x = new XmlBytes(out);
        Segment s = Segment.of("NTE*ADD*A<B & \"C\" > D\u0001 José", Delimiters.STANDARD, 7);
        x.ascii("<r");
        x.attribute("n", 1234567);
        x.attribute("msg", "tooth \"5\" & <6> é");
        x.attribute("ws", "a\tb\nc\rd");
        x.ascii(" seg=\"");
        s.copyTo(x.attributeValue());
        x.ascii("\"");
        x.ascii(">");
        x.raw(XmlBytes.openTag("NTE02"));
        s.copyElementTo(2, 0, x);
        x.raw(XmlBytes.closeTag("NTE02"));
        x.ascii("</r>");
        x.flush();
        Document d = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new ByteArrayInputStream(out.toByteArray()));
        assertEquals("1234567", d.getDocumentElement().getAttribute("n"));
        assertEquals("tooth \"5\" & <6> é", d.getDocumentElement().getAttribute("msg"));
        assertEquals("a\tb\nc\rd", d.getDocumentElement().getAttribute("ws"), "tab, LF, CR survive normalisation");
        assertEquals("NTE*ADD*A<B & \"C\" > D? José", d.getDocumentElement().getAttribute("seg"));
        assertEquals("A<B & \"C\" > D? José", d.getDocumentElement().getTextContent());
    }
    /** Bytes that are no UTF-8 (a Latin-1 name, a cut sequence, an overlong form) become U+FFFD; UTF-8 stays. */
    @Test
    void bytesThatAreNotUtf8BecomeTheReplacementCharacter() throws Exception {
        byte[] latin1 = "NM1*IL*1*MU\u00d1OZ*ANA".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
        byte[] mixed = concat("NTE*ADD*".getBytes(java.nio.charset.StandardCharsets.US_ASCII),
                "é€😀".getBytes(java.nio.charset.StandardCharsets.UTF_8), new byte[] {(byte) 0xC0, (byte) 0xAF, 'x',
                (byte) 0xE2, (byte) 0x82, 'y', (byte) 0xED, (byte) 0xA0, (byte) 0x80, (byte) 0xFF});
        assertEquals("NM1*IL*1*MU\uFFFDOZ*ANA", attributeOf(latin1));
        assertEquals("NTE*ADD*é€😀\uFFFD\uFFFDx\uFFFD\uFFFDy\uFFFD\uFFFD\uFFFD\uFFFD", attributeOf(mixed));
        // the same bytes past the eight-byte fast path (a long clean run first)
        byte[] longer = concat("NTE*ADD*ABCDEFGHIJKLMNOPQRSTUVWXYZ ".getBytes(java.nio.charset.StandardCharsets.US_ASCII),
                new byte[] {(byte) 0xD1, 'Z'});
        assertEquals("NTE*ADD*ABCDEFGHIJKLMNOPQRSTUVWXYZ \uFFFDZ", attributeOf(longer));
    }

    private static String attributeOf(byte[] bytes) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        XmlBytes x = new XmlBytes(out);
        x.ascii("<r v=\"");
        x.attributeValue().write(bytes, 0, bytes.length);
        x.ascii("\"/>");
        x.flush();
        Document d = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new ByteArrayInputStream(out.toByteArray()));
        return d.getDocumentElement().getAttribute("v");
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            b.write(p, 0, p.length);
        }
        return b.toByteArray();
    }

    @Test
    void segmentNumbersCountUpThroughEveryCarryAndJumps() throws Exception {
        int[] values = {1, 2, 9, 10, 11, 99, 100, 101, 999, 1000, 7, 8, 123456789, 123456790, 999999999, 1000000000,
            Integer.MAX_VALUE, 0, 5, 6};
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        XmlBytes x = new XmlBytes(out);
        StringBuilder expected = new StringBuilder();
        for (int v = 1; v <= 12_345; v++) {
            x.ordinalAttribute("n", v);
            expected.append(" n=\"").append(v).append('"');
        }
        for (int v : values) {
            x.ordinalAttribute("n", v);
            expected.append(" n=\"").append(v).append('"');
        }
        x.flush();
        assertEquals(expected.toString(), out.toString(java.nio.charset.StandardCharsets.UTF_8));
    }

    /**
     * The word-at-a-time test flags every word holding a byte to escape, whatever its position and its
     * neighbours: each of the 256 byte values at each of the 8 positions, among plain letters and among other
     * markup, so that a fast path can never copy a '<' or a control character through.
     */
    @Test
    void wordTestNeverMissesAByteToEscape() {
        for (int pos = 0; pos < 8; pos++) {
            for (int c = 0; c < 256; c++) {
                boolean escaped = c < 0x20 || c == '<' || c == '>' || c == '&' || c == '"';
                for (long fill : new long[] {0x41L, 0xC3L, 0x3DL, 0x21L, 0x27L, 0x20L}) {
                    long w = 0;
                    for (int k = 0; k < 8; k++) {
                        w |= (k == pos ? c : fill) << (8 * k);
                    }
                    if (escaped) {
                        assertEquals(true, XmlBytes.needsEscape(w), "byte " + c + " at " + pos + " among " + fill);
                    } else {
                        assertEquals(false, XmlBytes.needsEscape(w), "byte " + c + " at " + pos + " among " + fill);
                    }
                }
            }
        }
    }

    /** Escaping a run of bytes gives what escaping each byte alone gives, wherever the markup falls in a run. */
    @Test
    void longRunsEscapeLikeSingleBytes() throws Exception {
        java.util.Random random = new java.util.Random(42);
        byte[] alphabet = "ABCZ09*:~^ <>&\"\t\n\r\u0001".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        for (int round = 0; round < 2000; round++) {
            byte[] in = new byte[random.nextInt(40)];
            for (int i = 0; i < in.length; i++) {
                in[i] = random.nextInt(4) == 0 ? alphabet[random.nextInt(alphabet.length)]
                        : (byte) ('a' + random.nextInt(26));
            }
            for (boolean attr : new boolean[] {false, true}) {
                ByteArrayOutputStream whole = new ByteArrayOutputStream();
                XmlBytes w = new XmlBytes(whole);
                ByteArrayOutputStream single = new ByteArrayOutputStream();
                XmlBytes s = new XmlBytes(single);
                (attr ? w.attributeValue() : w).write(in, 0, in.length);
                for (int i = 0; i < in.length; i++) {
                    (attr ? s.attributeValue() : s).write(in, i, 1);
                }
                w.flush();
                s.flush();
                assertEquals(single.toString(java.nio.charset.StandardCharsets.UTF_8),
                        whole.toString(java.nio.charset.StandardCharsets.UTF_8));
            }
        }
    }
}
