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
}
