package io.toothcomb.writers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.toothcomb.reader.Segment;
import io.toothcomb.reader.X12Reader;
import io.toothcomb.result.Output;
import io.toothcomb.result.ScrubOptions;
import io.toothcomb.rules.engine.RuleEngine;
import io.toothcomb.scrub.Scrubber;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * The segment form of the annotated XML ({@code NAME.annotated.xml}): the segments' {@code text} attributes
 * with the interchange's terminator give back the file's segments, whatever the file holds.
 */
class AnnotatedXmlWriterTest {
    private static Scrubber scrubber;

    @TempDir
    Path tmp;

    @BeforeAll
    static void engine() throws IOException {
        scrubber = new Scrubber(RuleEngine.load(null),
                ScrubOptions.defaults().withOutputs(EnumSet.of(Output.ANNOTATED_XML)));
    }

    static List<Path> samples() throws IOException {
        try (Stream<Path> s = Files.list(Path.of("edi-samples"))) {
            return s.filter(p -> p.toString().endsWith(".edi")).sorted().toList();
        }
    }

    @ParameterizedTest
    @MethodSource("samples")
    void textsAndTerminatorsGiveBackTheSegments(Path sample) throws Exception {
        Document d = scrub(sample);
        assertEquals("segments", d.getDocumentElement().getAttribute("form"));
        assertEquals(segmentsOf(sample), textsOf(d), sample + ": @text + terminator, in document order");
    }

    @Test
    void markupInASegmentIsEscapedAndTabAndNewlineSurvive() throws Exception {
        String text = Files.readString(Path.of("edi-samples/replacement-claim.edi"), StandardCharsets.UTF_8);
        String nte = "NTE*ADD*A&B <C> \"D\" 'E'\tF";
        assertTrue(text.contains("NTE*ADD*"));
        // newline as the segment terminator: it must come back as &#10;, not as a space
        text = text.replaceFirst("NTE\\*ADD\\*[^~]*", nte.replace("\\", "\\\\")).replace("~\n", "\n");
        Path f = tmp.resolve("markup.edi");
        Files.writeString(f, text, StandardCharsets.UTF_8);
        Document d = scrub(f);
        Element ic = (Element) d.getElementsByTagName("Interchange").item(0);
        assertEquals("\n", ic.getAttribute("segmentTerminator"));
        assertEquals("*", ic.getAttribute("elementSeparator"));
        assertEquals(":", ic.getAttribute("componentSeparator"));
        assertEquals("^", ic.getAttribute("repetitionSeparator"));
        assertEquals(nte, ((Element) d.getElementsByTagName("NTE").item(0)).getAttribute("text"));
        assertEquals(segmentsOf(f), textsOf(d));
        String xml = Files.readString(tmp.resolve("out/markup.annotated.xml"), StandardCharsets.UTF_8);
        // (a tab is outside the X12 character sets, so the 999 reports it and the segment carries that error)
        assertTrue(xml.contains("text=\"NTE*ADD*A&amp;B &lt;C&gt; &quot;D&quot; 'E'&#9;F\""), xml);
        assertTrue(xml.contains("segmentTerminator=\"&#10;\""), xml);
    }

    @Test
    void findingsNameTheComponentAndOnlyAnnotatedSegmentsHaveChildren() throws Exception {
        Document d = scrub(Path.of("edi-samples/defect-missing-tooth.edi"));
        NodeList findings = d.getElementsByTagName("finding");
        assertTrue(findings.getLength() > 0);
        List<String> named = new ArrayList<>();
        for (int i = 0; i < findings.getLength(); i++) {
            Element f = (Element) findings.item(i);
            named.add(((Element) f.getParentNode()).getTagName() + " " + f.getAttribute("element"));
        }
        assertTrue(named.contains("SV3 SV301-02"), named.toString());
        NodeList clms = d.getElementsByTagName("CLM");
        for (int i = 0; i < clms.getLength(); i++) {
            Element clm = (Element) clms.item(i);
            assertFalse(clm.getAttribute("text").isEmpty());
            assertEquals(0, clm.getElementsByTagName("NM101").getLength(), "no element children");
        }
    }

    /** Every guide loop nests where the guide puts it, the NM1 loops of another payer (2330A..H) included. */
    @Test
    void otherPayerLoopsNestInTheirOtherSubscriberLoop() throws Exception {
        String text = Files.readString(Path.of("edi-samples/replacement-claim.edi"), StandardCharsets.UTF_8);
        String other = "SBR*S*01*G-77*****CI~\nOI***Y***Y~\nNM1*IL*1*ILVES*MARCUS****MI*X55012~\n"
                + "NM1*PR*2*OTHER PAYER*****PI*99999~\nNM1*82*1*ALDANA*MIRELA****XX*1193840273~\nREF*G2*A1~\n"
                + "NM1*DQ*1*ROSS*ELENA~\nREF*G2*B2~\n";
        text = text.replaceFirst("(?m)^LX\\*1~", java.util.regex.Matcher.quoteReplacement(other) + "LX*1~");
        Path f = tmp.resolve("other-payer.edi");
        Files.writeString(f, text, StandardCharsets.UTF_8);
        Document d = scrub(f);
        for (String loop : List.of("Loop2330A", "Loop2330B", "Loop2330D", "Loop2330E")) {
            NodeList l = d.getElementsByTagName(loop);
            assertEquals(1, l.getLength(), loop);
            assertEquals("Loop2320", l.item(0).getParentNode().getNodeName(), loop);
        }
        assertEquals("Loop2300", d.getElementsByTagName("Loop2320").item(0).getParentNode().getNodeName());
        assertEquals(segmentsOf(f), textsOf(d));
    }

    private Document scrub(Path file) throws Exception {
        Path out = tmp.resolve("out");
        scrubber.scrub(file, out);
        Path xml = out.resolve(Output.ANNOTATED_XML.fileName(file.getFileName().toString()));
        try (InputStream in = Files.newInputStream(xml)) {
            return DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(in);
        }
    }

    /** Every segment as the reader sees it, each with its interchange's terminator. */
    private static String segmentsOf(Path file) throws Exception {
        StringBuilder b = new StringBuilder();
        try (X12Reader r = new X12Reader(Files.newInputStream(file), file.toString())) {
            Segment s;
            while ((s = r.next()) != null) {
                b.append(s.text()).append(s.delimiters().segmentChar());
            }
        }
        return b.toString();
    }

    /** Every {@code @text} in document order, each followed by the terminator of the interchange it is in. */
    private static String textsOf(Document d) {
        StringBuilder b = new StringBuilder();
        NodeList all = d.getElementsByTagName("*");
        String terminator = null;
        for (int i = 0; i < all.getLength(); i++) {
            Element e = (Element) all.item(i);
            if (e.getTagName().equals("Interchange")) {
                terminator = e.getAttribute("segmentTerminator");
                assertEquals(1, terminator.length(), "one terminator character");
            } else if (e.hasAttribute("text")) {
                b.append(e.getAttribute("text")).append(terminator);
            }
        }
        return b.toString();
    }
}
