package io.toothcomb.writers;

import io.toothcomb.loader.ClaimLoader;
import io.toothcomb.loader.FileAck;
import io.toothcomb.loader.LoopContext;
import io.toothcomb.loader.LoopMark;
import io.toothcomb.loader.SyntaxError;
import io.toothcomb.loader.TransactionAck;
import io.toothcomb.model.TransactionHeader;
import io.toothcomb.reader.Segment;
import io.toothcomb.result.ClaimResult;
import io.toothcomb.result.Fragment;
import io.toothcomb.result.ScrubSummary;
import io.toothcomb.result.SetWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes {@code NAME.accepted.837} or {@code NAME.rejected.837}: an 837D (005010X224A2) holding only the claims the
 * scrub accepted (or rejected), each with the loops it hangs from, ready to forward (or to return).
 *
 * <p>For each input interchange, group and transaction set that has at least one such claim, one of ours: the
 * ISA as received but for ISA09/ISA10 (now) and ISA13 (ours, {@link ControlNumbers}); the GS as received but for
 * GS04/GS05 (now) and GS06 (ours); ST02 counting the sets of our group; the set's BHT, 1000A and 1000B as received;
 * then, before a claim, the 2000A billing provider (with 2010AA/AB/AC), 2000B subscriber (2010BA/BB) and 2000C
 * patient (2010CA) it hangs from, each once per set, their HL01 renumbered from 1 and HL02 pointing at the new
 * parent; the claim's own segments (CLM through its last 2400) exactly as received. SE01, GE01 and IEA01 count
 * what was written. Segments keep the input's delimiters; each ends with the input's terminator and a line
 * break (none when the terminator is itself a line break).
 *
 * <p>Claims of a transaction set the 999 does not take are in neither file: the set's syntax is broken, so no
 * interchange made of its segments would be valid; the 999 answers for them, and they are counted in the
 * summary ({@link ScrubSummary#notTaken}). When no claim qualifies the writer has written nothing ({@link #empty}),
 * and no file is made: an 837 without a claim is not a valid one.
 *
 * <p>Memory: one set's heading and the current billing provider, subscriber and patient loops are held (a few
 * segments); claims are written as they come.
 */
public final class Forward837Writer extends SetJoiner<Forward837Writer.Part> {

    /** Which claims the file holds. */
    public enum Side {
        ACCEPTED, REJECTED
    }

    private static final DateTimeFormatter YYMMDD = DateTimeFormatter.ofPattern("yyMMdd");
    private static final DateTimeFormatter CCYYMMDD = DateTimeFormatter.ofPattern("yyyyMMdd");
    private static final DateTimeFormatter HHMM = DateTimeFormatter.ofPattern("HHmm");

    private final Sink out;
    private final Side side;
    private final ControlNumbers numbers;
    private final Clock clock;
    private ZonedDateTime now;

    /** The input's current ISA and GS, and whether ours for them has been written. */
    private Segment isa;
    private Segment gs;
    private String ourIsa13;
    private String ourGs06;
    private boolean isaOpen;
    private boolean gsOpen;
    private int groupsInIsa;
    private int setsInGs;
    /** The set being read when this writer sees sets itself (not written apart). */
    private Part current;
    private String currentSt02;

    private long claims;
    private boolean wrote;

    public Forward837Writer(OutputStream out, Side side, ControlNumbers numbers, Clock clock) {
        this.out = new Sink(out);
        this.side = side;
        this.numbers = numbers;
        this.clock = clock;
    }

    /** True when no claim qualified: nothing was written, and the file is not kept. */
    public boolean empty() {
        return !wrote;
    }

    /** Claims written so far. */
    public long claims() {
        return claims;
    }

    @Override
    public void start(String fileName) {
        now = ZonedDateTime.now(clock);
    }

    @Override
    public SetWriter.Part forSet(OutputStream partOut) {
        return new Part(new Sink(partOut), side, null);
    }

    @Override
    boolean wrote(Part p) {
        return p.written != 0;
    }

    /** The ST02 of the set being joined. */
    private String joinControl;

    @Override
    void open(Part p) throws IOException {
        joinControl = openSet();
    }

    @Override
    void place(Fragment bytes) throws IOException {
        out.flush();
        bytes.writeTo(out.out);
    }

    @Override
    void close(Part p) throws IOException {
        closeSet(p, joinControl);
    }

    // ------------------------------------------------------------ the envelope, and sets seen whole

    @Override
    public void segment(Segment s, LoopMark loop, List<SyntaxError> errors) throws IOException {
        switch (s.id()) {
            case "ISA" -> {
                closeInterchange();
                isa = s;
                ourIsa13 = null;
            }
            case "GS" -> {
                closeGroup();
                gs = s;
                ourGs06 = null;
            }
            case "GE" -> closeGroup();
            case "IEA" -> closeInterchange();
            case "ST" -> {
                current = new Part(out, side, this);
                currentSt02 = null;
            }
            case "SE" -> {
                if (current != null) {
                    current.segment(s, loop, errors);
                    if (current.written > 0) {
                        closeSet(current, currentSt02);
                    }
                    claims += current.claims;
                    current = null;
                }
            }
            default -> {
                if (current != null) {
                    current.segment(s, loop, errors);
                }
            }
        }
    }

    @Override
    public void transactionStart(TransactionHeader header, TransactionAck ack) throws IOException {
        if (current != null) {
            current.transactionStart(header, ack);
        }
    }

    @Override
    public void claim(ClaimResult result) throws IOException {
        if (current != null) {
            current.claim(result);
        }
    }

    @Override
    public void end(FileAck syntax, ScrubSummary summary) throws IOException {
        // an accepted set lies in a sound group and interchange, so these are closed already; kept for safety
        closeInterchange();
        out.flush();
    }

    /** Writes our ISA and GS when not yet written for the input's current ones, then our ST; returns its ST02. */
    private String openSet() throws IOException {
        if (!isaOpen) {
            ourIsa13 = numbers.interchange();
            List<String> e = elements(isa);
            e.set(9, now.format(YYMMDD));
            e.set(10, now.format(HHMM));
            e.set(13, ourIsa13);
            out.segment("ISA", e, isa);
            isaOpen = true;
            groupsInIsa = 0;
        }
        if (!gsOpen) {
            ourGs06 = numbers.group();
            List<String> e = elements(gs);
            e.set(4, now.format(CCYYMMDD));
            e.set(5, now.format(HHMM));
            e.set(6, ourGs06);
            out.segment("GS", e, gs);
            gsOpen = true;
            groupsInIsa++;
            setsInGs = 0;
        }
        setsInGs++;
        String st02 = X12Writer.zeros(setsInGs, 4);
        out.text(isa, "ST", "837", st02, ClaimLoader.IMPLEMENTATION);
        wrote = true;
        return st02;
    }

    private void closeSet(Part p, String st02) throws IOException {
        out.text(isa, "SE", Integer.toString(p.written + 2), st02);
        if (p != current) {
            claims += p.claims;
        }
    }

    private void closeGroup() throws IOException {
        if (gsOpen) {
            out.text(isa, "GE", Integer.toString(setsInGs), ourGs06);
            gsOpen = false;
        }
    }

    private void closeInterchange() throws IOException {
        closeGroup();
        if (isaOpen) {
            out.text(isa, "IEA", Integer.toString(groupsInIsa), ourIsa13);
            isaOpen = false;
        }
    }

    /** Elements 0 (the id) to the last of {@code s}, as written. */
    private static List<String> elements(Segment s) {
        List<String> e = new ArrayList<>(s.elementCount() + 1);
        e.add(s.id());
        for (int i = 1; i <= s.elementCount(); i++) {
            e.add(s.element(i));
        }
        return e;
    }

    // ------------------------------------------------------------ one transaction set

    /**
     * What one transaction set contributes: its heading and the loops above each qualifying claim, then the
     * claim. Writes from BHT on (ST and SE are the envelope's: the ST02 is known only when the set is put in
     * place); {@link #written} counts the segments for SE01.
     */
    static final class Part implements SetWriter.Part {
        private final Sink out;
        private final Side side;
        /** Set when the sets are seen whole: the writer that writes our ISA, GS and ST before the first segment. */
        private final Forward837Writer inline;
        private final LoopContext context = new LoopContext();
        /** The serial of each level written in this set (0: none), and its new HL01. */
        private int providerSerial;
        private int subscriberSerial;
        private int patientSerial;
        private int providerHl;
        private int subscriberHl;
        private int nextHl;
        private boolean taken = true;
        private boolean headingWritten;
        int written;
        long claims;

        Part(Sink out, Side side, Forward837Writer inline) {
            this.out = out;
            this.side = side;
            this.inline = inline;
        }

        @Override
        public void transactionStart(TransactionHeader header, TransactionAck ack) {
            taken = ack.accepted();
        }

        @Override
        public void segment(Segment s, LoopMark loop, List<SyntaxError> errors) {
            // SE and anything else outside the claims and their loops: written by the envelope, or not at all
            context.add(s, loop);
        }

        @Override
        public void claim(ClaimResult r) throws IOException {
            if (!taken || r.rejected() != (side == Side.REJECTED)) {
                return;
            }
            if (written == 0 && inline != null) {
                inline.currentSt02 = inline.openSet();
            }
            if (!headingWritten) {
                for (Segment s : context.heading()) {
                    write(s);
                }
                headingWritten = true;
            }
            if (providerSerial != context.providerSerial() && !context.provider().isEmpty()) {
                providerSerial = context.providerSerial();
                providerHl = writeLoop(context.provider(), 0);
            }
            if (subscriberSerial != context.subscriberSerial() && !context.subscriber().isEmpty()) {
                subscriberSerial = context.subscriberSerial();
                subscriberHl = writeLoop(context.subscriber(), providerHl);
            }
            if (patientSerial != context.patientSerial() && !context.patient().isEmpty()) {
                patientSerial = context.patientSerial();
                writeLoop(context.patient(), subscriberHl);
            }
            List<Segment> segs = r.fixed() != null ? r.fixed().segments() : r.unit().segments();
            for (int i = 0; i < segs.size(); i++) {
                write(segs.get(i));
            }
            claims++;
        }

        /** Writes a loop whose first segment is its HL, renumbered; returns the new HL01. */
        private int writeLoop(List<Segment> loop, int parent) throws IOException {
            int id = ++nextHl;
            Segment hl = loop.get(0);
            List<String> e = elements(hl);
            e.set(1, Integer.toString(id));
            if (e.size() > 2) {
                e.set(2, parent == 0 ? "" : Integer.toString(parent));
            }
            out.segment("HL", e, hl);
            written++;
            for (int i = 1; i < loop.size(); i++) {
                write(loop.get(i));
            }
            return id;
        }

        private void write(Segment s) throws IOException {
            out.copy(s);
            written++;
        }

        @Override
        public void finish() throws IOException {
            out.flush();
        }
    }

    // ------------------------------------------------------------ bytes

    /** A buffer in front of the output; segments copied as written, ended by the input's terminator. */
    private static final class Sink extends BufferedSink {
        Sink(OutputStream out) {
            super(out);
        }

        /** {@code s} as written, then its terminator. */
        void copy(Segment s) throws IOException {
            try {
                s.copyTo(this);
            } catch (UncheckedIOException e) {
                throw e.getCause();
            }
            terminate(s);
        }

        /** A segment of the given elements (element 0 is ignored: {@code id} is written), in {@code like}'s delimiters. */
        void segment(String id, List<String> elements, Segment like) throws IOException {
            StringBuilder b = new StringBuilder(id);
            char sep = like.delimiters().elementChar();
            for (int i = 1; i < elements.size(); i++) {
                b.append(sep).append(elements.get(i));
            }
            bytes(b.toString().getBytes(StandardCharsets.ISO_8859_1));
            terminate(like);
        }

        /** A segment of plain values, in the delimiters of {@code like}. */
        void text(Segment like, String id, String... values) throws IOException {
            List<String> e = new ArrayList<>(values.length + 1);
            e.add(id);
            e.addAll(List.of(values));
            segment(id, e, like);
        }

        private void terminate(Segment like) throws IOException {
            byte t = like.delimiters().segment();
            put(t);
            if (t != '\n' && t != '\r') {
                put((byte) '\n');
            }
        }
    }
}
