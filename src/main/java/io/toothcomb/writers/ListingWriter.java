package io.toothcomb.writers;

import io.toothcomb.loader.FileAck;
import io.toothcomb.loader.GroupAck;
import io.toothcomb.loader.InterchangeAck;
import io.toothcomb.loader.LoopMark;
import io.toothcomb.loader.SyntaxError;
import io.toothcomb.reader.Segment;
import io.toothcomb.result.ClaimResult;
import io.toothcomb.result.Fragment;
import io.toothcomb.result.ScrubSummary;
import io.toothcomb.result.SetWriter;
import io.toothcomb.rules.Finding;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Writes {@code NAME.annotated.txt}, the listing for a person: each claim that has findings, its segments as
 * written with their numbers, a caret under the offending element and the message beneath, like a compiler.
 * Envelope and syntax errors outside claims are shown the same way. Clean claims are only counted.
 */
public final class ListingWriter extends SetJoiner<ListingWriter> implements SetWriter.Part {
    private final Out out;
    private int shown;

    public ListingWriter(OutputStream out) {
        this.out = new Out(out);
    }

    @Override
    public Part forSet(OutputStream partOut) {
        return new ListingWriter(partOut);
    }

    @Override
    void place(Fragment bytes) throws IOException {
        out.append(bytes);
    }

    @Override
    void close(ListingWriter part) {
        shown += part.shown;
    }

    @Override
    public void finish() throws IOException {
        out.flush();
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
        long errors = 0;
        for (int i = 0; i < r.findings().size(); i++) {
            errors += r.findings().get(i).rejects() ? 1 : 0;
        }
        long others = r.findings().size() - errors;
        out.write("\n== claim " + r.claim().id() + " (segment " + r.claim().segment() + ", line "
                + r.unit().segments().get(0).line() + "): " + (r.rejected() ? "REJECTED" : r.fixed() != null
                ? "accepted as mended by --fix (segments as received; each FIX finding shows what was sent)"
                : "accepted") + ", "
                + plural(errors, "error") + ", " + plural(others, "warning/info") + ", pack " + r.pack() + " ==\n");
        List<Segment> segs = r.unit().segments();
        ClaimResult.Notes notes = r.notes();
        for (int i = 0; i < segs.size(); i++) {
            Segment s = segs.get(i);
            writeSegment(s, notes.errorsOn(s.ordinal()),
                    i == 0 ? AnnotatedXmlWriter.withContext(r) : notes.findingsOn(s.ordinal()));
        }
    }

    private void writeSegment(Segment s, List<SyntaxError> errors, List<Finding> findings) throws IOException {
        out.number(s.ordinal(), 7);
        out.write(" | ");
        out.segment(s);
        if (s.terminated()) {
            out.write(s.delimiters().segmentChar());
        } else {
            out.write("   <- (end of file: no terminator)");
        }
        out.write("\n");
        if (errors.isEmpty() && findings.isEmpty()) {
            return; // nearly every segment: nothing to point at
        }
        int width = Math.max(7, Integer.toString(s.ordinal()).length());
        for (SyntaxError e : errors) {
            pad(width);
            out.write(caret(s, e.element(), e.component()));
            out.write("\n");
            pad(width);
            out.write("syntax error: ");
            out.write(e.message());
            out.write("\n");
        }
        for (Finding f : findings) {
            pad(width);
            // a finding about the claim's context (a segment before the claim) is shown at its first segment
            out.write(f.segment() == s.ordinal() ? caret(s, f.element(), f.component()) : caret(s, 0, 0));
            out.write("\n");
            pad(width);
            out.write(f.severity().label());
            out.write(" ");
            out.write(f.rule());
            out.write(" [");
            out.write(f.category());
            out.write(":");
            out.write(f.statusCode());
            out.write("]: ");
            out.write(f.message());
            out.write("\n");
        }
    }

    /** The margin under a segment's number: as wide as the number column, then the bar. */
    private void pad(int width) throws IOException {
        out.spaces(width + 1);
        out.write("| ");
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
            // no interchange at all (not X12): nothing else in the listing would say why
            if (e.segment() == 0 || syntax.interchanges().isEmpty()) {
                out.write("\n== file ==\n       | " + e.describe() + "\n");
            }
        }
        // the envelope's verdict in words, as the 999 gives it: what is rejected as a whole, and why
        boolean heading = false;
        for (InterchangeAck i : syntax.interchangeAcks()) {
            if (i.rejected()) {
                heading = envelopeHeading(heading);
                out.write("       | interchange " + i.interchange().controlNumber() + " REJECTED (TA1 code " + i.code()
                        + "): " + i.message() + "; none of its claims goes on to the payer\n");
            }
        }
        for (GroupAck g : syntax.groups()) {
            if (!g.ak9Codes().isEmpty() && syntax.interchangeOf(g.group().segment()) != null
                    && !syntax.interchangeOf(g.group().segment()).rejected()) {
                heading = envelopeHeading(heading);
                out.write("       | functional group " + g.group().controlNumber() + " REJECTED (AK9 R, code "
                        + String.join(",", g.ak9Codes()) + "): " + (g.errors().isEmpty() ? "" : g.errors().get(0).message())
                        + "; none of its claims goes on to the payer\n");
            }
        }
        for (SyntaxError w : syntax.warnings()) {
            heading = envelopeHeading(heading);
            out.write("       | warning: " + w.describe() + "\n");
        }
        out.write("\n-- " + summary.claims() + " claims: " + summary.accepted() + " accepted, " + summary.rejected()
                + " rejected; " + summary.errors() + " errors, " + summary.warnings() + " warnings; envelope "
                + (summary.envelopeRejected() ? "REJECTED (see the .999)" : "accepted") + "; "
                + shown + " claims listed\n");
        out.flush();
    }

    private boolean envelopeHeading(boolean written) throws IOException {
        if (!written) {
            out.write("\n== envelope ==\n");
        }
        return true;
    }

    /**
     * UTF-8 bytes into a buffer of its own, flushed to the output when full: no String, encoder or char buffer per
     * line, as an {@code OutputStreamWriter} makes. A segment whose bytes are all ASCII is copied as it is; any
     * other is decoded and encoded again, so that malformed input comes out as U+FFFD, as it always has.
     */
    private static final class Out extends BufferedSink {
        Out(OutputStream out) {
            super(out);
        }

        void write(String s) throws IOException {
            int n = s.length();
            if (len + n > buf.length) {
                flushBuffer();
                if (n > buf.length) {
                    bytes(s.getBytes(StandardCharsets.UTF_8));
                    return;
                }
            }
            // room for every char as one byte, checked once: most text (messages, labels) is ASCII
            byte[] b = buf;
            int p = len;
            for (int i = 0; i < n; i++) {
                char c = s.charAt(i);
                if (c >= 0x80) {
                    len = p;
                    bytes(s.substring(i).getBytes(StandardCharsets.UTF_8));
                    return;
                }
                b[p++] = (byte) c;
            }
            len = p;
        }

        /** One character (the segment terminator): no String made for the usual ASCII one. */
        void write(char c) throws IOException {
            if (c >= 0x80) {
                write(String.valueOf(c));
                return;
            }
            if (len == buf.length) {
                flushBuffer();
            }
            buf[len++] = (byte) c;
        }

        /** {@code value} right-aligned in {@code width} columns (wider when it has more digits). */
        void number(int value, int width) throws IOException {
            if (value < 0) {
                String digits = Integer.toString(value);
                spaces(width - digits.length());
                write(digits);
                return;
            }
            int n = Digits.count(value);
            spaces(width - n);
            if (len + n > buf.length) {
                flushBuffer();
            }
            Digits.putBefore(buf, len + n, value);
            len += n;
        }

        void spaces(int n) throws IOException {
            for (int i = 0; i < n; i++) {
                if (len == buf.length) {
                    flushBuffer();
                }
                buf[len++] = ' ';
            }
        }

        void segment(Segment s) throws IOException {
            ascii = true;
            s.copyTo(this::checkAscii);
            if (ascii) {
                s.copyTo(this);
            } else {
                write(s.text());
            }
        }

        private boolean ascii;

        private void checkAscii(byte[] b, int off, int n) {
            for (int i = off; i < off + n; i++) {
                if (b[i] < 0) {
                    ascii = false;
                    return;
                }
            }
        }

        void append(Fragment bytes) throws IOException {
            flushBuffer();
            bytes.writeTo(out);
        }
    }
}
