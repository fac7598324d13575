package io.toothcomb.writers;

import io.toothcomb.loader.FileAck;
import io.toothcomb.loader.LoopMark;
import io.toothcomb.loader.SyntaxError;
import io.toothcomb.reader.Segment;
import io.toothcomb.rules.Finding;
import io.toothcomb.scrub.ClaimResult;
import io.toothcomb.scrub.ScrubListener;
import io.toothcomb.scrub.ScrubSummary;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * Writes {@code NAME.annotated.xml}: the whole file as XML (interchange, group, transaction, loops, segments,
 * elements, with the names the Smooks mapping uses), each rule finding as a {@code <finding>} and each syntax
 * error as an {@code <error>} inside the segment it points at, and each claim's verdict on its Loop2300.
 * Streamed segment by segment.
 */
public final class AnnotatedXmlWriter implements ScrubListener {
    private final OutputStream out;
    private XMLStreamWriter xml;
    private java.io.Writer writer;
    private final Deque<String> open = new ArrayDeque<>();

    public AnnotatedXmlWriter(OutputStream out) {
        this.out = out;
    }

    @Override
    public void start(String fileName, FileAck syntax) throws IOException {
        try {
            writer = new java.io.BufferedWriter(new java.io.OutputStreamWriter(out, java.nio.charset.StandardCharsets.UTF_8),
                    1 << 16);
            xml = XMLOutputFactory.newDefaultFactory().createXMLStreamWriter(writer);
            xml.writeStartDocument("UTF-8", "1.0");
            xml.writeCharacters("\n");
            xml.writeStartElement("AnnotatedFile");
            xml.writeAttribute("file", fileName);
            xml.writeAttribute("generator", "toothcomb");
        } catch (XMLStreamException e) {
            throw new IOException(e);
        }
    }

    @Override
    public void segment(Segment s, LoopMark loop, List<SyntaxError> errors) throws IOException {
        try {
            place(s, loop, null);
            writeSegment(s, errors, List.of());
            afterSegment(s);
        } catch (XMLStreamException e) {
            throw new IOException(e);
        }
    }

    @Override
    public void claim(ClaimResult r) throws IOException {
        try {
            List<Segment> segs = r.unit().segments();
            List<LoopMark> loops = r.unit().loops();
            for (int i = 0; i < segs.size(); i++) {
                Segment s = segs.get(i);
                place(s, loops.get(i), i == 0 ? r : null);
                writeSegment(s, r.unit().errorsOn(s.ordinal()), r.findingsOn(s.ordinal()));
            }
        } catch (XMLStreamException e) {
            throw new IOException(e);
        }
    }

    /** Opens and closes envelope and loop elements so that {@code s} lands in the right place. */
    private void place(Segment s, LoopMark mark, ClaimResult claim) throws XMLStreamException {
        switch (s.id()) {
            case "ISA" -> {
                closeTo(null);
                push("IC", "Interchange");
                return;
            }
            case "GS" -> {
                closeTo("IC");
                push("FG", "FunctionalGroup");
                return;
            }
            case "ST" -> {
                closeTo("FG");
                push("TX", "Transaction");
                return;
            }
            case "SE" -> {
                closeTo("TX");
                return;
            }
            case "GE" -> {
                closeTo("FG");
                return;
            }
            case "IEA" -> {
                closeTo("IC");
                return;
            }
            default -> {
            }
        }
        String loop = mark.loop();
        if (loop.isEmpty() || loop.equals("HEADER")) {
            if (contains("TX")) {
                closeTo("TX");
            }
            return;
        }
        if (!mark.starts() && loop.equals(open.peek())) {
            return;
        }
        var parents = XmlNames.parents(loop);
        while (!open.isEmpty() && !parents.contains(open.peek()) && !isEnvelope(open.peek())) {
            pop();
        }
        push(loop, XmlNames.loop(loop));
        if (claim != null) {
            xml.writeAttribute("claim", claim.claim().id());
            xml.writeAttribute("status", claim.rejected() ? "rejected" : "accepted");
            xml.writeAttribute("pack", claim.pack());
        }
    }

    private void afterSegment(Segment s) throws XMLStreamException {
        switch (s.id()) {
            case "SE" -> pop();
            case "GE" -> pop();
            case "IEA" -> pop();
            default -> {
            }
        }
    }

    private static boolean isEnvelope(String k) {
        return k.equals("TX") || k.equals("FG") || k.equals("IC");
    }

    private boolean contains(String key) {
        return open.contains(key);
    }

    private void push(String key, String element) throws XMLStreamException {
        xml.writeCharacters("\n" + "  ".repeat(open.size() + 1));
        xml.writeStartElement(element);
        open.push(key);
    }

    private void pop() throws XMLStreamException {
        open.pop();
        xml.writeCharacters("\n" + "  ".repeat(open.size() + 1));
        xml.writeEndElement();
    }

    /** Closes elements until {@code key} is on top (or everything, for null / a key that is not open). */
    private void closeTo(String key) throws XMLStreamException {
        if (key != null && !open.contains(key)) {
            key = null;
        }
        while (!open.isEmpty() && !open.peek().equals(key)) {
            pop();
        }
    }

    private void writeSegment(Segment s, List<SyntaxError> errors, List<Finding> findings)
            throws XMLStreamException {
        xml.writeCharacters("\n" + "  ".repeat(open.size() + 1));
        String id = s.id().isEmpty() ? "Segment" : safeName(s.id());
        xml.writeStartElement(id);
        xml.writeAttribute("n", Integer.toString(s.ordinal()));
        xml.writeAttribute("line", Integer.toString(s.line()));
        boolean isa = s.id().equals("ISA");
        for (int i = 1; i <= s.elementCount(); i++) {
            if (!s.has(i)) {
                continue;
            }
            String name = XmlNames.element(id, i);
            xml.writeStartElement(name);
            if (!isa && XmlNames.composite(name)) {
                List<String> comps = s.components(i);
                for (int c = 0; c < comps.size(); c++) {
                    if (comps.get(c).isEmpty()) {
                        continue;
                    }
                    xml.writeStartElement(XmlNames.component(name, c + 1));
                    xml.writeCharacters(text(comps.get(c)));
                    xml.writeEndElement();
                }
            } else {
                xml.writeCharacters(text(s.element(i)));
            }
            xml.writeEndElement();
        }
        for (SyntaxError e : errors) {
            xml.writeStartElement("error");
            xml.writeAttribute("level", e.level().name().toLowerCase(java.util.Locale.ROOT));
            if (e.element() > 0) {
                xml.writeAttribute("element", XmlNames.element(id, e.element()));
            }
            if (!e.segmentErrorCode().isEmpty()) {
                xml.writeAttribute("segmentErrorCode", e.segmentErrorCode());
            }
            if (!e.elementErrorCode().isEmpty()) {
                xml.writeAttribute("elementErrorCode", e.elementErrorCode());
            }
            xml.writeCharacters(text(e.message()));
            xml.writeEndElement();
        }
        for (Finding f : findings) {
            xml.writeStartElement("finding");
            xml.writeAttribute("rule", f.rule());
            xml.writeAttribute("severity", f.severity().label());
            xml.writeAttribute("status", f.category() + ":" + f.statusCode());
            if (f.line() != null) {
                xml.writeAttribute("line", f.line().toString());
            }
            if (f.element() > 0) {
                xml.writeAttribute("element", XmlNames.element(id, f.element()));
            }
            xml.writeCharacters(text(f.message()));
            xml.writeEndElement();
        }
        xml.writeEndElement();
    }

    private static String safeName(String id) {
        for (int i = 0; i < id.length(); i++) {
            char c = id.charAt(i);
            if (!(Character.isLetterOrDigit(c) && c < 128) || (i == 0 && Character.isDigit(c))) {
                return "Segment";
            }
        }
        return id;
    }

    /** Drops characters XML 1.0 cannot hold. */
    private static String text(String s) {
        StringBuilder b = null;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x20 && c != '\t' && c != '\n' && c != '\r') {
                if (b == null) {
                    b = new StringBuilder(s);
                }
                b.setCharAt(i, '?');
            }
        }
        return b == null ? s : b.toString();
    }

    @Override
    public void end(FileAck syntax, ScrubSummary summary) throws IOException {
        try {
            closeTo(null);
            List<SyntaxError> fileErrors = syntax.fileErrors().stream().filter(e -> e.segment() == 0).toList();
            for (SyntaxError e : fileErrors) {
                xml.writeCharacters("\n  ");
                xml.writeStartElement("error");
                xml.writeAttribute("level", "interchange");
                xml.writeCharacters(text(e.message()));
                xml.writeEndElement();
            }
            xml.writeCharacters("\n  ");
            xml.writeEmptyElement("summary");
            xml.writeAttribute("claims", Integer.toString(summary.claims()));
            xml.writeAttribute("accepted", Integer.toString(summary.accepted()));
            xml.writeAttribute("rejected", Integer.toString(summary.rejected()));
            xml.writeAttribute("findings", Integer.toString(summary.findings()));
            xml.writeAttribute("envelope", summary.envelopeRejected() ? "rejected" : "accepted");
            xml.writeCharacters("\n");
            xml.writeEndElement();
            xml.writeEndDocument();
            xml.flush();
            xml.close();
            writer.flush();
            out.flush();
        } catch (XMLStreamException e) {
            throw new IOException(e);
        }
    }
}
