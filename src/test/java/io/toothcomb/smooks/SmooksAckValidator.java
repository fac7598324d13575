package io.toothcomb.smooks;

import org.w3c.dom.Document;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

import javax.xml.xpath.XPath;
import javax.xml.xpath.XPathConstants;
import javax.xml.xpath.XPathExpressionException;
import javax.xml.xpath.XPathFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Test helper: reads a 277CA or 999 that toothcomb produced back through the strict Smooks mappings and returns
 * the DOM (root {@code Interchange}, layout in mappings/README.md), failing the test with a readable message when
 * the file is not well formed. Typical use:
 *
 * <pre>{@code
 * Document ack = SmooksAckValidator.read277ca(out.resolve("claims.277"));
 * assertEquals("A7:244", SmooksAckValidator.stc01(ack, "MR26111002"));
 * assertEquals("R", SmooksAckValidator.value(ack999, "//Loop2000[AK2/AK202='0002']/IK5/IK501"));
 * }</pre>
 *
 * The schemas are compiled once per JVM, so calling this from many tests is cheap after the first call.
 */
public final class SmooksAckValidator {
    private SmooksAckValidator() {
    }

    /** Parses a 277CA (005010X214); exactly one interchange. */
    public static Document read277ca(Path file) {
        return read(file, MappingKind.ACK_277CA);
    }

    /** Parses a 999 (005010X231A1); exactly one interchange. */
    public static Document read999(Path file) {
        return read(file, MappingKind.ACK_999);
    }

    public static Document read(Path file, MappingKind kind) {
        try {
            return SmooksX12.parseSingle(file, kind);
        } catch (SmooksX12Exception e) {
            throw new AssertionError("not a well-formed " + kind + " per mappings/" + kind.schemaPath() + ": "
                    + e.getMessage());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The text of the first node matching {@code xpath}, or null when nothing matches. */
    public static String value(Document doc, String xpath) {
        List<String> all = values(doc, xpath);
        return all.isEmpty() ? null : all.get(0);
    }

    /** The text of every node matching {@code xpath}, in document order. */
    public static List<String> values(Document doc, String xpath) {
        XPath xp = XPathFactory.newInstance().newXPath();
        try {
            NodeList nodes = (NodeList) xp.evaluate(xpath, doc, XPathConstants.NODESET);
            List<String> out = new ArrayList<>();
            for (int i = 0; i < nodes.getLength(); i++) {
                Node n = nodes.item(i);
                out.add(n.getTextContent());
            }
            return out;
        } catch (XPathExpressionException e) {
            throw new IllegalArgumentException("bad XPath " + xpath + ": " + e.getMessage(), e);
        }
    }

    /**
     * The claim-level STC01 of the 2200D whose TRN02 is {@code patientControlNumber} (the 837 CLM01), as
     * "category:status[:entity]", or null when there is no such claim.
     */
    public static String stc01(Document doc, String patientControlNumber) {
        List<String> parts = values(doc, "//Loop2200D[TRN/TRN02='" + patientControlNumber + "']/STC[1]/STC01/*");
        return parts.isEmpty() ? null : String.join(":", parts);
    }
}
