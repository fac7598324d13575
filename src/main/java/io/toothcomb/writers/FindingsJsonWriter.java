package io.toothcomb.writers;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.io.SerializedString;
import com.fasterxml.jackson.core.util.MinimalPrettyPrinter;
import io.toothcomb.loader.FileAck;
import io.toothcomb.loader.GroupAck;
import io.toothcomb.loader.SyntaxError;
import io.toothcomb.loader.TransactionAck;
import io.toothcomb.result.ClaimResult;
import io.toothcomb.result.Fragment;
import io.toothcomb.result.ScrubSummary;
import io.toothcomb.result.SetWriter;
import io.toothcomb.rules.Finding;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes {@code NAME.findings.json}, streamed claim by claim. The field names are a contract:
 * {@code file, accepted, rejected, claims[{id, status, findings[{rule, severity, line, segment, message}]}],
 * errors[{segment, message}]}. Extra fields may be added, never renamed: {@code toothcomb} (the version), a
 * claim's {@code pack} and {@code st} (ST02), a finding's {@code element} (position), {@code status},
 * {@code segmentId}, {@code elementName} (as in the mappings: SV306, TOO03-02), {@code lineControlNumber} (the
 * line's REF*6R) and, for X12-999, {@code cause} (the syntax error: segment, segmentId, elementName, message). Because
 * claims stream, {@code accepted} and {@code rejected} follow the claims array.
 *
 * <p>The layout is one claim (and one error) per line, without spaces ({@link OnePerLine}): a file of a
 * million claims stays greppable line by line, and is a third smaller than indented JSON.
 */
public final class FindingsJsonWriter extends SetJoiner<FindingsJsonWriter> implements SetWriter.Part {
    private static final JsonFactory FACTORY = new JsonFactory();

    /**
     * Compact JSON with a line break before each element of the top-level arrays ({@code claims}, {@code errors})
     * and before their closing brackets; {@link #end} ends the document with one.
     */
    static final class OnePerLine extends MinimalPrettyPrinter {
        private static boolean topLevelArray(JsonGenerator g) {
            JsonStreamContext array = g.getOutputContext();
            JsonStreamContext object = array.getParent();
            return array.inArray() && object != null && object.getParent() != null && object.getParent().inRoot();
        }

        @Override
        public void beforeArrayValues(JsonGenerator g) throws IOException {
            if (topLevelArray(g)) {
                g.writeRaw('\n');
            }
        }

        @Override
        public void writeArrayValueSeparator(JsonGenerator g) throws IOException {
            super.writeArrayValueSeparator(g);
            if (topLevelArray(g)) {
                g.writeRaw('\n');
            }
        }

        @Override
        public void writeEndArray(JsonGenerator g, int values) throws IOException {
            if (values > 0 && topLevelArray(g)) {
                g.writeRaw('\n');
            }
            super.writeEndArray(g, values);
        }
    }
    /** Names and values every claim has, encoded once (Jackson's way to skip encoding them per claim). */
    private static final SerializedString ID = new SerializedString("id");
    private static final SerializedString STATUS = new SerializedString("status");
    private static final SerializedString PACK = new SerializedString("pack");
    private static final SerializedString FINDINGS = new SerializedString("findings");
    private static final SerializedString ST = new SerializedString("st");
    private static final SerializedString ACCEPTED = new SerializedString("accepted");
    private static final SerializedString REJECTED = new SerializedString("rejected");

    private final OutputStream out;
    private JsonGenerator json;
    /** The last pack name written, encoded (claims of one payer share their pack). */
    private String lastPack;
    private SerializedString lastPackEncoded;
    /** Claims written (by a part: of its transaction set). */
    private int claims;
    /** The 999's word on the current transaction set (the cause of an X12-999 finding). */
    private TransactionAck currentAck;

    public FindingsJsonWriter(OutputStream out) {
        this.out = out;
    }

    /**
     * A part writes its set's claims as a run of top-level values, separated as the claims array separates them;
     * {@link #join} puts the run into the array as if it were one value.
     */
    @Override
    public Part forSet(OutputStream partOut) {
        FindingsJsonWriter part = new FindingsJsonWriter(partOut);
        try {
            part.json = FACTORY.createGenerator(partOut, JsonEncoding.UTF8);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        part.json.setPrettyPrinter(new MinimalPrettyPrinter(",\n"));
        return part;
    }

    @Override
    boolean wrote(FindingsJsonWriter p) {
        return p.claims != 0;
    }

    @Override
    void open(FindingsJsonWriter p) throws IOException {
        json.writeRawValue(""); // the separator before the run, and the array counts it as a value
    }

    @Override
    void place(Fragment bytes) throws IOException {
        json.flush();
        bytes.writeTo(out);
    }

    @Override
    void close(FindingsJsonWriter p) {
        claims += p.claims;
    }

    /** Flushes the part's claims and gives the generator's buffers back (closing a Fragment does nothing). */
    @Override
    public void finish() throws IOException {
        json.close();
    }

    /** Segments outside claims are not part of this output. */
    @Override
    public boolean wantsCleanSegments() {
        return false;
    }

    @Override
    public void transactionStart(io.toothcomb.model.TransactionHeader header, TransactionAck ack) {
        currentAck = ack;
    }

    @Override
    public void start(String fileName) throws IOException {
        json = FACTORY.createGenerator(out, JsonEncoding.UTF8);
        json.setPrettyPrinter(new OnePerLine());
        json.writeStartObject();
        json.writeStringField("file", fileName);
        json.writeStringField("toothcomb", Version.NUMBER);
        json.writeArrayFieldStart("claims");
    }

    @Override
    public void claim(ClaimResult r) throws IOException {
        claims++;
        json.writeStartObject();
        json.writeFieldName(ID);
        json.writeString(r.claim().id());
        json.writeFieldName(STATUS);
        json.writeString(r.rejected() ? REJECTED : ACCEPTED);
        json.writeFieldName(PACK);
        json.writeString(pack(r.pack()));
        if (r.claim().transaction() != null && r.claim().transaction().controlNumber() != null) {
            json.writeFieldName(ST);
            json.writeString(r.claim().transaction().controlNumber());
        }
        json.writeFieldName(FINDINGS);
        json.writeStartArray();
        List<Finding> findings = r.findings();
        for (int i = 0; i < findings.size(); i++) { // indexed: no iterator for the usual empty list
            Finding f = findings.get(i);
            json.writeStartObject();
            json.writeStringField("rule", f.rule());
            json.writeStringField("severity", f.severity().label());
            if (f.line() == null) {
                json.writeNullField("line");
            } else {
                json.writeNumberField("line", f.line());
            }
            json.writeNumberField("segment", f.segment());
            String segmentId = FindingPlace.segmentId(r.unit(), f.segment());
            if (f.element() > 0) {
                json.writeNumberField("element", f.element());
            }
            json.writeStringField("status", f.category() + ":" + f.statusCode());
            json.writeStringField("message", f.message());
            if (!segmentId.isEmpty()) {
                json.writeStringField("segmentId", segmentId);
            }
            String elementName = FindingPlace.elementName(segmentId, f.element(), f.component());
            if (!elementName.isEmpty()) {
                json.writeStringField("elementName", elementName);
            }
            String ref = FindingPlace.lineControlNumber(r, f);
            if (!ref.isEmpty()) {
                json.writeStringField("lineControlNumber", ref);
            }
            if (f.rule().equals(ClaimResult.ENVELOPE_RULE)) {
                SyntaxError cause = FindingPlace.cause(r.unit(), currentAck);
                if (cause != null) {
                    json.writeObjectFieldStart("cause"); // what the 999 found, where
                    json.writeNumberField("segment", cause.segment());
                    if (cause.segment() > 0 && cause.segmentId() != null) {
                        json.writeStringField("segmentId", cause.segmentId());
                    }
                    String name = FindingPlace.elementName(cause);
                    if (!name.isEmpty()) {
                        json.writeStringField("elementName", name);
                    }
                    json.writeStringField("message", cause.describe());
                    json.writeEndObject();
                }
            }
            json.writeEndObject();
        }
        json.writeEndArray();
        json.writeEndObject();
    }

    private SerializedString pack(String name) {
        if (!name.equals(lastPack)) {
            lastPack = name;
            lastPackEncoded = new SerializedString(name);
        }
        return lastPackEncoded;
    }

    @Override
    public void end(FileAck syntax, ScrubSummary summary) throws IOException {
        json.writeEndArray();
        json.writeNumberField("accepted", summary.accepted());
        json.writeNumberField("rejected", summary.rejected());
        json.writeArrayFieldStart("errors");
        for (SyntaxError e : allErrors(syntax)) {
            json.writeStartObject();
            json.writeNumberField("segment", e.segment());
            json.writeStringField("message", e.describe());
            if (e.segment() > 0 && e.segmentId() != null && !e.segmentId().isEmpty()) {
                json.writeStringField("segmentId", e.segmentId());
                String name = FindingPlace.elementName(e);
                if (!name.isEmpty()) {
                    json.writeStringField("elementName", name);
                }
            }
            json.writeEndObject();
        }
        json.writeEndArray();
        if (!syntax.warnings().isEmpty()) {
            // what was tolerated (an IEA without its terminator): only when there is any, so that the
            // usual layout stays as it was
            json.writeArrayFieldStart("warnings");
            for (SyntaxError w : syntax.warnings()) {
                json.writeStartObject();
                json.writeNumberField("segment", w.segment());
                json.writeStringField("message", w.describe());
                json.writeEndObject();
            }
            json.writeEndArray();
        }
        json.writeEndObject();
        json.writeRaw('\n');
        json.flush();
        json.close();
    }

    /** Every envelope and syntax error of a file, in the order found. */
    public static List<SyntaxError> allErrors(FileAck syntax) {
        List<SyntaxError> all = new ArrayList<>();
        for (GroupAck g : syntax.groups()) {
            for (TransactionAck t : g.transactions()) {
                all.addAll(t.errors());
            }
            all.addAll(g.errors());
        }
        all.addAll(syntax.fileErrors());
        all.sort((a, b) -> Integer.compare(a.segment() == 0 ? Integer.MAX_VALUE : a.segment(),
                b.segment() == 0 ? Integer.MAX_VALUE : b.segment()));
        return all;
    }
}
