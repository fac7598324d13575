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
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Writes {@code NAME.annotated.txt}, the listing for a person: each claim that has findings, its segments as
 * written with their numbers, a caret under the offending element and the message beneath, like a compiler.
 * Envelope and syntax errors outside claims are shown the same way. Clean claims are only counted.
 */
public final class ListingWriter implements ScrubListener {
    private final Writer out;
    private int shown;

    public ListingWriter(OutputStream out) {
        this.out = new OutputStreamWriter(out, StandardCharsets.UTF_8);
    }

    /** Only segments with syntax errors are shown (or, here, used at all). */
    @Override
    public boolean wantsCleanSegments() {
        return false;
    }

    @Override
    public void start(String fileName) throws IOException {
        out.write("toothcomb listing of " + fileName + "\n");
        out.write("Only claims and segments with something to fix are shown. Segment numbers count from the ISA (1).\n");
    }

    @Override
    public void segment(Segment s, LoopMark loop, List<SyntaxError> errors) throws IOException {
        if (errors.isEmpty()) {
            return;
        }
        out.write("\n== segment " + s.ordinal() + " (" + s.id() + ", line " + s.line() + ") ==\n");
        writeSegment(s, errors, List.of());
    }

    @Override
    public void claim(ClaimResult r) throws IOException {
        if (r.findings().isEmpty() && r.unit().errors().isEmpty()) {
            return;
        }
        shown++;
        long errors = r.findings().stream().filter(Finding::rejects).count();
        long others = r.findings().size() - errors;
        out.write("\n== claim " + r.claim().id() + " (segment " + r.claim().segment() + ", line "
                + r.unit().segments().get(0).line() + "): " + (r.rejected() ? "REJECTED" : "accepted") + ", "
                + plural(errors, "error") + ", " + plural(others, "warning/info") + ", pack " + r.pack() + " ==\n");
        for (Segment s : r.unit().segments()) {
            writeSegment(s, r.unit().errorsOn(s.ordinal()), r.findingsOn(s.ordinal()));
        }
    }

    private void writeSegment(Segment s, List<SyntaxError> errors, List<Finding> findings) throws IOException {
        String ordinal = Integer.toString(s.ordinal());
        String num = " ".repeat(Math.max(0, 7 - ordinal.length())) + ordinal + " | ";
        String text = s.text() + (s.terminated() ? String.valueOf(s.delimiters().segmentChar()) : "   <- (end of file: no terminator)");
        out.write(num + text + "\n");
        String pad = " ".repeat(num.length() - 2) + "| ";
        for (SyntaxError e : errors) {
            out.write(pad + caret(s, e.element(), e.component()) + "\n");
            out.write(pad + "syntax error: " + e.message() + "\n");
        }
        for (Finding f : findings) {
            out.write(pad + caret(s, f.element(), f.component()) + "\n");
            out.write(pad + f.severity().label() + " " + f.rule() + " [" + f.category() + ":" + f.statusCode() + "]: "
                    + f.message() + "\n");
        }
    }

    /** Spaces then carets under element {@code e} (component {@code c}); under the segment id for 0. */
    static String caret(Segment s, int e, int c) {
        return " ".repeat(s.column(e, c)) + "^".repeat(s.width(e, c));
    }

    private static String plural(long n, String word) {
        return n + " " + word + (n == 1 || word.endsWith("info") ? "" : "s");
    }

    @Override
    public void end(FileAck syntax, ScrubSummary summary) throws IOException {
        for (SyntaxError e : syntax.fileErrors()) {
            if (e.segment() == 0) {
                out.write("\n== file ==\n       | " + e.describe() + "\n");
            }
        }
        out.write("\n-- " + summary.claims() + " claims: " + summary.accepted() + " accepted, " + summary.rejected()
                + " rejected; " + summary.errors() + " errors, " + summary.warnings() + " warnings; envelope "
                + (summary.envelopeRejected() ? "REJECTED (see the .999)" : "accepted") + "; "
                + shown + " claims listed\n");
        out.flush();
    }
}
