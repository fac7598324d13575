package io.toothcomb.writers;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.toothcomb.loader.FileAck;
import io.toothcomb.loader.GroupAck;
import io.toothcomb.loader.SyntaxError;
import io.toothcomb.loader.TransactionAck;
import io.toothcomb.rules.Finding;
import io.toothcomb.scrub.ClaimResult;
import io.toothcomb.scrub.ScrubListener;
import io.toothcomb.scrub.ScrubSummary;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes {@code NAME.findings.json}, streamed claim by claim. The field names are a contract:
 * {@code file, accepted, rejected, claims[{id, status, findings[{rule, severity, line, segment, message}]}],
 * errors[{segment, message}]}. Extra fields (pack, element, status) may be added, never renamed. Because
 * claims stream, {@code accepted} and {@code rejected} follow the claims array.
 */
public final class FindingsJsonWriter implements ScrubListener {
    private static final JsonFactory FACTORY = new JsonFactory();
    private final OutputStream out;
    private JsonGenerator json;

    public FindingsJsonWriter(OutputStream out) {
        this.out = out;
    }

    /** Segments outside claims are not part of this output. */
    @Override
    public boolean wantsCleanSegments() {
        return false;
    }

    @Override
    public void start(String fileName) throws IOException {
        json = FACTORY.createGenerator(out, JsonEncoding.UTF8);
        json.useDefaultPrettyPrinter();
        json.writeStartObject();
        json.writeStringField("file", fileName);
        json.writeArrayFieldStart("claims");
    }

    @Override
    public void claim(ClaimResult r) throws IOException {
        json.writeStartObject();
        json.writeStringField("id", r.claim().id());
        json.writeStringField("status", r.rejected() ? "rejected" : "accepted");
        json.writeStringField("pack", r.pack());
        json.writeArrayFieldStart("findings");
        for (Finding f : r.findings()) {
            json.writeStartObject();
            json.writeStringField("rule", f.rule());
            json.writeStringField("severity", f.severity().label());
            if (f.line() == null) {
                json.writeNullField("line");
            } else {
                json.writeNumberField("line", f.line());
            }
            json.writeNumberField("segment", f.segment());
            if (f.element() > 0) {
                json.writeNumberField("element", f.element());
            }
            json.writeStringField("status", f.category() + ":" + f.statusCode());
            json.writeStringField("message", f.message());
            json.writeEndObject();
        }
        json.writeEndArray();
        json.writeEndObject();
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
            json.writeEndObject();
        }
        json.writeEndArray();
        json.writeEndObject();
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
