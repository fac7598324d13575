package io.toothcomb.loader;

import static io.toothcomb.loader.AckBook.TA1_CONTENT;
import static io.toothcomb.loader.AckBook.TA1_END_OF_FILE;
import static io.toothcomb.loader.AckBook.TA1_STRUCTURE;
import static io.toothcomb.loader.AckBook.fileError;
import static io.toothcomb.loader.AckBook.parseCount;

import io.toothcomb.guide.Guide;
import io.toothcomb.guide.GuideReport;
import io.toothcomb.guide.GuideValidator;
import io.toothcomb.guide.SituationChecker;
import io.toothcomb.loader.SyntaxError.Level;
import io.toothcomb.model.Claim;
import io.toothcomb.model.FunctionalGroup;
import io.toothcomb.model.Interchange;
import io.toothcomb.reader.Segment;
import io.toothcomb.reader.SegmentKinds;
import io.toothcomb.reader.X12Exception;
import io.toothcomb.reader.X12Reader;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Turns a stream of X12 segments into 837D claims, checking the envelope and syntax as it goes.
 *
 * <p>Each claim is handed on as soon as its last segment has been read, so memory does not grow with the
 * file. The loader knows the 837D loop structure; it knows nothing of rules.
 */
public final class ClaimLoader {
    public static final String IMPLEMENTATION = "005010X224A2";
    public static final int MAX_ERRORS_PER_TRANSACTION = 100;

    private final X12Reader reader;
    private final LoadHandler handler;
    private final String source;

    // file
    private int segments;

    // interchange
    private Interchange interchange;
    private int groupsInInterchange;

    // group
    private FunctionalGroup group;
    private boolean groupVersionOk;

    // transaction
    private boolean inTx;
    private String stId;
    private String stControl;
    private String stImpl;
    private int stSegment;
    private int txCount;
    private String loop = "";

    /** The loop marks of the segments handed on. */
    private final LoopMarks marks = new LoopMarks();
    /** The errors on the segment being read, handed on with it (or added to its claim). */
    private final List<SyntaxError> current = new ArrayList<>(2);
    /** What the 999 and the TA1s will say: the file's, groups' and sets' errors and verdicts as they are found. */
    private final AckBook acks = new AckBook(current);
    /** True when the guide opened a loop at the segment being read. */
    private boolean loopStart;

    /**
     * False unless the caller asked for claims ({@link LoadMode#CLAIMS}): none is built and the loader only checks
     * (the 999 pass of a scrub reads the whole file for the acknowledgments alone). Every syntax error is found
     * either way.
     */
    private final boolean build;
    /** False when the caller asked for the acknowledgments alone ({@link LoadMode#CHECK}): no loop marks are made. */
    private final boolean segmentsWanted;
    /** Not null in a load that skips transaction sets and hands each on as a slice ({@link #loadSkippingSets}). */
    private Consumer<TransactionSlice> sets;
    private int setIndex;
    /** In {@link #loadSet}: the envelope found the set's ST02 used before in its group. */
    private boolean duplicateControl;

    /**
     * The 837D implementation guide, as a table: it tracks which loop each segment is in (the loop marks) and
     * checks segments and elements against the guide (the 999's IK3/IK4). See mappings/guide-format.md.
     */
    private final GuideValidator guide = new GuideValidator(Guide.dental837());
    /**
     * The guide's situational rules (its {@code situation} lines), judged per claim for the 277CA; null when the
     * loader only checks (the 999 pass), since nobody would see a claim's findings.
     */
    private final SituationChecker situations;
    /** Builds the claims (and, when the loader only checks, keeps where the claim and line being read are). */
    private final ModelBuilder model;
    /** The dates read so far, each parsed and checked once. */
    private final DateCache dates;
    /** Loop 2400's number in the guide: a rule about it or a loop in it is about a service line. */
    private final int lineLoop = guide.guide().loop("2400").index();
    /** Keeps what the situations find on the claim being read. */
    private final SituationChecker.Sink situationSink = this::situation;
    /** The segment being read, so that errors the guide reports on earlier segments get their position. */
    private Segment current837;
    /** The guide's errors on the segment being read, added to {@link #current} once its claim is settled. */
    private final List<SyntaxError> pending = new ArrayList<>(2);
    /** True while the guide closes a set that ends without its SE. */
    private boolean endingWithoutSe;
    /** False while a set of another version is read: the guide then only tracks loops. */
    private boolean guideReports;

    /** Turns what the guide finds into syntax errors of the set being read. */
    private final GuideReport guideReport = new GuideReport() {
        @Override
        public void segmentError(Segment at, String segmentId, String loopId, String code, String message) {
            if (!guideReports) {
                return;
            }
            // a segment found missing when the set ends without SE was due where the next one would have stood
            int position = endingWithoutSe && code.equals("3") ? txCount + 1 : positionOf(at);
            SyntaxError e = new SyntaxError(at == null ? 0 : at.ordinal(), segmentId, position, ik303(loopId), code, 0, 0,
                    "", "", "", Level.SEGMENT, message, claimIdFor(at, loopId));
            file(e, at, code.equals("3"));
        }

        @Override
        public void elementError(Segment s, String loopId, int element, int component, String ref, String code,
                                 String bad, String message) {
            if (!guideReports) {
                return;
            }
            SyntaxError e = new SyntaxError(s.ordinal(), s.id(), positionOf(s), ik303(loopId), "8", element, component, ref,
                    code, bad, Level.SEGMENT, message, claimIdFor(s, loopId));
            file(e, s, false);
        }
    };

    /**
     * CLM01 of the claim an error in a claim's loops (2300 and below) is in, for the 999's CTX; "" elsewhere. The
     * guide reports a CLM's own errors before the loader has closed the claim before it.
     */
    private String claimIdFor(Segment at, String loopId) {
        if (loopId.length() < 2 || loopId.charAt(0) != '2' || (loopId.charAt(1) != '3' && loopId.charAt(1) != '4')) {
            return "";
        }
        if (at != null && at == current837 && "CLM".equals(at.id())) {
            return at.element(1);
        }
        return model.claim == null ? "" : model.claim.claimId;
    }

    /** IK303: the loop id, empty for the transaction's heading (which is in no loop). */
    private static String ik303(String loopId) {
        return Guide.HEADER.equals(loopId) || Guide.TRAILER.equals(loopId) ? "" : loopId;
    }

    /** IK302: the position of {@code s} in its set, counted from ST = 1. */
    private int positionOf(Segment s) {
        if (s == null || current837 == null) {
            return txCount;
        }
        return txCount - (current837.ordinal() - s.ordinal());
    }

    /**
     * Keeps an error of the guide's: on the segment being read, it waits in {@link #pending}; a missing segment
     * belongs to the loop that just closed, so to the claim still open (or, outside claims, to this segment); an
     * error on an earlier segment is counted in the set's errors only.
     */
    private void file(SyntaxError e, Segment at, boolean missing) {
        acks.countError(e);
        ModelBuilder.ClaimBuilder claim = model.claim;
        if (at != current837) {
            if (claim != null && build) {
                claim.errors.add(e);
            }
        } else if (missing && claim != null) {
            if (build) {
                claim.errors.add(e);
            }
        } else {
            pending.add(e);
        }
    }

    private ClaimLoader(X12Reader reader, LoadMode mode, LoadHandler handler) {
        this.reader = reader;
        this.handler = handler;
        this.source = reader.source();
        this.build = mode.builds();
        this.segmentsWanted = mode.marksLoops();
        this.situations = build && GuideValidator.CHECKS ? new SituationChecker(guide.guide(), "2300") : null;
        this.model = new ModelBuilder(build);
        this.dates = new DateCache(build);
    }

    /**
     * Reads a whole file, handing everything to {@code handler}, claims built ({@link LoadMode#CLAIMS}); returns
     * what the 999 must say.
     */
    public static FileAck load(Path file, LoadHandler handler) throws IOException {
        return load(file, LoadMode.CLAIMS, handler);
    }

    /** Reads a whole file, handing {@code handler} what {@code mode} asks for; returns what the 999 must say. */
    public static FileAck load(Path file, LoadMode mode, LoadHandler handler) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return load(in, file.getFileName().toString(), mode, handler);
        }
    }

    /** As {@link #load(Path, LoadHandler)}, from a stream; {@code source} names it in errors. */
    public static FileAck load(InputStream in, String source, LoadHandler handler) throws IOException {
        return load(in, source, LoadMode.CLAIMS, handler);
    }

    public static FileAck load(InputStream in, String source, LoadMode mode, LoadHandler handler) throws IOException {
        X12Reader reader = new X12Reader(in, source);
        return new ClaimLoader(reader, mode, handler).run();
    }

    /**
     * Reads the envelope of a file and skips over its transaction sets, handing each to {@code sets} as a slice to
     * be read apart ({@link #loadSet}). The handler sees every segment outside the sets, and in
     * {@link LoadHandler#groupEnd} a group whose transaction acks are provisional (accepted, as the envelope
     * alone can tell): the caller puts the sets' own acks in their place. Each slice is handed on as soon as the
     * set's SE has been found.
     *
     * @throws NotSeparable when a set is not plainly delimited; the file must then be loaded whole
     */
    public static FileAck loadSkippingSets(Path file, LoadMode mode, LoadHandler handler,
                                           Consumer<TransactionSlice> sets) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            ClaimLoader loader = new ClaimLoader(new X12Reader(in, file.getFileName().toString()), mode, handler);
            loader.sets = sets;
            return loader.run();
        }
    }

    /** What {@link #loadSet} found in one transaction set. */
    public record SetAck(TransactionAck ack, int segments) {
    }

    /**
     * Reads one transaction set of a file from {@code in}, which starts at the set's ST, in the envelope
     * {@code slice} describes: the handler sees exactly what it would see of this set in a load of the whole file.
     *
     * @throws NotSeparable when the bytes are not the one set the slice promised
     */
    public static SetAck loadSet(TransactionSlice slice, InputStream in, String source, LoadMode mode,
                                 LoadHandler handler) throws IOException {
        X12Reader reader = new X12Reader(in, source, slice.delimiters(), slice.ordinalBefore(), slice.line(),
                slice.start());
        ClaimLoader loader = new ClaimLoader(reader, mode, handler);
        loader.interchange = slice.interchange();
        loader.group = slice.group();
        loader.groupVersionOk = slice.groupVersionOk();
        loader.duplicateControl = slice.duplicateControl();
        loader.acks.txAcks = new ArrayList<>(1);
        loader.acks.ak9Codes = new ArrayList<>(1);
        loader.acks.groupErrors = new ArrayList<>(1);
        try {
            Segment s;
            while ((s = reader.next()) != null) {
                loader.segments++;
                int kind = loader.kinds.kind(s);
                if (!s.terminated() || (loader.segments == 1) != (kind == SegmentKinds.ST)) {
                    throw new NotSeparable("segment " + s.ordinal() + " is not where the set's slice said");
                }
                loader.dispatch(s, kind);
            }
        } catch (X12Exception e) {
            throw new NotSeparable(e.getMessage());
        }
        AckBook acks = loader.acks;
        if (loader.inTx || acks.txAcks.size() != 1 || !acks.fileErrors.isEmpty() || !acks.groupErrors.isEmpty()) {
            throw new NotSeparable("the slice at byte " + slice.start() + " is not one whole transaction set");
        }
        return new SetAck(loader.acks.txAcks.get(0), loader.segments);
    }

    /** Convenience for tests and small files: every claim of a file, in order. */
    public static List<Claim> readClaims(Path file) throws IOException {
        List<Claim> out = new ArrayList<>();
        load(file, new LoadHandler() {
            @Override
            public void claim(ClaimUnit unit) {
                out.add(unit.claim());
            }
        });
        return out;
    }

    private FileAck run() throws IOException {
        try {
            Segment s;
            while ((s = reader.next()) != null) {
                segments++;
                if (!s.terminated()) {
                    int kind = kinds.kind(s);
                    if (kind == SegmentKinds.IEA && interchange != null) {
                        // The file ends with an IEA that lacks only its terminator. A clearinghouse takes it: the
                        // end of the file ends the segment as surely as a terminator would, and the IEA still
                        // proves the interchange complete (IEA01 counts the groups, IEA02 matches ISA13, checked
                        // as for any IEA). Rejecting a whole batch for one byte no data depends on would only
                        // make the sender resend it; a warning says what to fix. (Any other segment without its
                        // terminator is a truncated file, rejected below.)
                        int before = acks.fileErrors.size();
                        dispatch(s, kind);
                        if (acks.fileErrors.size() == before) {
                            acks.warnings.add(new SyntaxError(s.ordinal(), s.id(), 0, "", "", 0, 0, "", "", "",
                                    Level.INTERCHANGE, "the IEA has no segment terminator '"
                                            + s.delimiters().segmentChar() + "' (the file ends right after it); "
                                            + "tolerated, since the IEA is complete"));
                        } else {
                            acks.fileErrors.add(new SyntaxError(s.ordinal(), s.id(), 0, "", "", 0, 0, "", "", "",
                                    Level.INTERCHANGE, "the file ends inside this segment (no terminator '"
                                            + s.delimiters().segmentChar() + "'): the file is truncated"));
                        }
                        break;
                    }
                    SyntaxError e = new SyntaxError(s.ordinal(), s.id(), 0, loop, "", 0, 0, "", "", "",
                            Level.INTERCHANGE, "the file ends inside this segment (no terminator '"
                                    + s.delimiters().segmentChar() + "'): the file is truncated");
                    acks.fileErrors.add(e);
                    acks.rejectInterchange(TA1_END_OF_FILE, e.message());
                    current.add(e);
                    deliver(s);
                    break;
                }
                dispatch(s);
            }
        } catch (X12Exception e) {
            SyntaxError err = new SyntaxError(e.segmentOrdinal(), "", 0, "", "", 0, 0, "", "", "", Level.INTERCHANGE,
                    e.reason());
            acks.fileErrors.add(err);
            // what follows cannot be read: the interchange it is in ends there (an unreadable ISA: the control
            // structure is broken)
            acks.rejectInterchange(err.message().startsWith("ISA") ? TA1_STRUCTURE : TA1_END_OF_FILE, err.message());
        }
        endOfInput();
        List<InterchangeAck> verdicts = new ArrayList<>(acks.interchanges.size());
        for (int i = 0; i < acks.interchanges.size(); i++) {
            verdicts.add(new InterchangeAck(acks.interchanges.get(i), acks.interchangeVerdicts.get(i)[0],
                    acks.interchangeVerdicts.get(i)[1]));
        }
        FileAck ack = new FileAck(source, List.copyOf(acks.interchanges), List.copyOf(acks.groupAcks),
                List.copyOf(acks.fileErrors),
                segments, reader.position(), List.copyOf(verdicts), List.copyOf(acks.warnings));
        handler.end(ack);
        return ack;
    }

    private void endOfInput() {
        if (inTx) {
            endWithoutSe("the transaction set has no SE trailer: the file ends before it");
        }
        if (group != null) {
            endGroup(null, "3", "the functional group has no GE trailer: the file ends before it");
        }
        if (interchange != null) {
            String m = "interchange " + interchange.controlNumber() + " has no IEA trailer: the file ends before it";
            acks.fileErrors.add(new SyntaxError(0, "IEA", 0, "", "", 0, 0, "", "", "", Level.INTERCHANGE, m));
            acks.rejectInterchange(TA1_END_OF_FILE, m);
            interchange = null;
        }
        if (segments == 0 && acks.fileErrors.isEmpty()) {
            acks.fileErrors.add(new SyntaxError(0, "", 0, "", "", 0, 0, "", "", "", Level.INTERCHANGE,
                    "the file is empty"));
        }
    }

    // ---------------------------------------------------------------- dispatch

    // The body segments the loader reads, as numbers for its switch (SegmentKinds numbers the envelope).
    private static final int BHT = SegmentKinds.FIRST_FREE + 0;
    private static final int HL = SegmentKinds.FIRST_FREE + 1;
    private static final int NM1 = SegmentKinds.FIRST_FREE + 2;
    private static final int PRV = SegmentKinds.FIRST_FREE + 3;
    private static final int REF = SegmentKinds.FIRST_FREE + 4;
    private static final int DMG = SegmentKinds.FIRST_FREE + 5;
    private static final int SBR = SegmentKinds.FIRST_FREE + 6;
    private static final int PAT = SegmentKinds.FIRST_FREE + 7;
    private static final int CLM = SegmentKinds.FIRST_FREE + 8;
    private static final int DTP = SegmentKinds.FIRST_FREE + 9;
    private static final int NTE = SegmentKinds.FIRST_FREE + 10;
    private static final int PWK = SegmentKinds.FIRST_FREE + 11;
    private static final int HI = SegmentKinds.FIRST_FREE + 12;
    private static final int LX = SegmentKinds.FIRST_FREE + 13;
    private static final int SV3 = SegmentKinds.FIRST_FREE + 14;
    private static final int TOO = SegmentKinds.FIRST_FREE + 15;
    private static final int SVD = SegmentKinds.FIRST_FREE + 16;
    private static final int CAS = SegmentKinds.FIRST_FREE + 17;
    private static final int AMT = SegmentKinds.FIRST_FREE + 18;
    private static final Map<String, Integer> BODY_IDS = Map.ofEntries(
            Map.entry("BHT", BHT),
            Map.entry("HL", HL),
            Map.entry("NM1", NM1),
            Map.entry("PRV", PRV),
            Map.entry("REF", REF),
            Map.entry("DMG", DMG),
            Map.entry("SBR", SBR),
            Map.entry("PAT", PAT),
            Map.entry("CLM", CLM),
            Map.entry("DTP", DTP),
            Map.entry("NTE", NTE),
            Map.entry("PWK", PWK),
            Map.entry("HI", HI),
            Map.entry("LX", LX),
            Map.entry("SV3", SV3),
            Map.entry("TOO", TOO),
            Map.entry("SVD", SVD),
            Map.entry("CAS", CAS),
            Map.entry("AMT", AMT));
    private final SegmentKinds kinds = new SegmentKinds(BODY_IDS);

    private void dispatch(Segment s) throws IOException {
        dispatch(s, kinds.kind(s));
    }

    private void dispatch(Segment s, int kind) throws IOException {
        switch (kind) {
            case SegmentKinds.ISA -> isa(s);
            case SegmentKinds.GS -> gs(s);
            case SegmentKinds.ST -> {
                if (sets != null) {
                    skipSet(s);
                } else {
                    st(s);
                }
            }
            case SegmentKinds.SE -> se(s);
            case SegmentKinds.GE -> ge(s);
            case SegmentKinds.IEA -> iea(s);
            default -> body(s, kind);
        }
    }

    private void deliver(Segment s) {
        if (!segmentsWanted) {
            // nobody sees segments or claims: the errors on this one are counted already
            marks.pass(loop);
            loopStart = false;
            current.clear();
            return;
        }
        LoopMark mark = marks.mark(loop, loopStart);
        loopStart = false;
        ModelBuilder.ClaimBuilder claim = model.claim;
        if (claim != null) {
            if (build) {
                claim.add(s, mark);
                if (!current.isEmpty()) {
                    claim.errors.addAll(current);
                }
            }
            if (!current.isEmpty()) {
                current.clear();
            }
        } else {
            List<SyntaxError> errs = current.isEmpty() ? List.of() : List.copyOf(current);
            current.clear();
            handler.segment(s, mark, errs);
        }
    }

    private void isa(Segment s) {
        if (inTx) {
            endWithoutSe("the transaction set has no SE trailer before the next ISA");
        }
        if (group != null) {
            endGroup(null, "3", "the functional group has no GE trailer before the next ISA");
        }
        if (interchange != null) {
            acks.interchangeError(fileError(s, "interchange " + interchange.controlNumber()
                    + " has no IEA trailer before the next ISA"), TA1_END_OF_FILE);
        }
        interchange = new Interchange(s.trimmed(5), s.trimmed(6), s.trimmed(7), s.trimmed(8), s.trimmed(9),
                s.trimmed(10), s.trimmed(13), s.trimmed(12), s.trimmed(15), s.ordinal());
        acks.interchanges.add(interchange);
        acks.interchangeVerdicts.add(new String[] {"", ""});
        groupsInInterchange = 0;
        if (s.elementCount() < 16) {
            acks.interchangeError(fileError(s, "ISA has " + s.elementCount() + " elements; 16 are required"), TA1_STRUCTURE);
        } else {
            acks.checkIsa(s);
        }
        handler.interchangeStart(interchange);
        deliver(s);
    }

    private void gs(Segment s) {
        if (inTx) {
            endWithoutSe("the transaction set has no SE trailer before the next GS");
        }
        if (group != null) {
            endGroup(null, "3", "the functional group has no GE trailer before the next GS");
        }
        if (interchange == null) {
            acks.interchangeError(fileError(s, "GS outside an interchange (no ISA before it)"), TA1_CONTENT);
        }
        groupsInInterchange++;
        group = new FunctionalGroup(s.element(1), s.element(2), s.element(3), s.element(4), s.element(5),
                s.element(6), s.element(8), s.ordinal());
        acks.startGroup();
        groupVersionOk = true;
        if (!s.elementIs(1, "HC")) {
            acks.addGroupError(s, 1, "479", "1", "GS01 is '" + s.element(1) + "'; a dental claim group must be HC");
            groupVersionOk = false;
        }
        if (!s.elementIs(8, IMPLEMENTATION)) {
            acks.addGroupError(s, 8, "480", "2", "GS08 is '" + s.element(8) + "'; toothcomb reads " + IMPLEMENTATION
                    + " (837D 5010) only");
            groupVersionOk = false;
        }
        if (!s.has(6)) {
            acks.addGroupError(s, 6, "28", "6", "GS06 group control number is missing");
        }
        handler.groupStart(group);
        deliver(s);
    }

    private void st(Segment s) {
        if (inTx) {
            endWithoutSe("the transaction set has no SE trailer before the next ST");
        }
        if (group == null) {
            acks.interchangeError(fileError(s, "ST outside a functional group (no GS before it)"), TA1_CONTENT);
        }
        inTx = true;
        stId = s.element(1);
        stControl = s.element(2);
        stImpl = s.element(3);
        stSegment = s.ordinal();
        txCount = 1;
        acks.startTransaction();
        model.startTransaction();
        loop = "HEADER";
        if (!s.elementIs(1, "837")) {
            addIk5("1", s, "ST01 is '" + s.element(1) + "'; toothcomb reads 837 claims only");
        }
        if (!s.has(2)) {
            addIk5("7", s, "ST02 transaction set control number is missing");
        } else if ((acks.stControls != null && !acks.stControls.add(stControl)) || duplicateControl) {
            addIk5("23", s, "ST02 control number " + stControl + " is used twice in this group");
        }
        if (!s.elementIs(3, IMPLEMENTATION)) {
            addIk5("I6", s, "ST03 is '" + s.element(3) + "'; toothcomb reads " + IMPLEMENTATION + " only");
        } else if (group != null && !groupVersionOk) {
            addIk5("I6", s, "the group's GS08 version is not " + IMPLEMENTATION);
        }
        // a set of another version or transaction is rejected whole (IK5); the guide then only tracks its loops
        guideReports = s.elementIs(1, "837") && s.elementIs(3, IMPLEMENTATION) && (group == null || groupVersionOk);
        current837 = s;
        guide.start(s, guideReport);
        if (situations != null) {
            situations.start();
        }
        flushPending();
        deliver(s);
    }

    /** A split load: the ST of a set to be read apart; its segments are skipped here, through its SE. */
    private void skipSet(Segment s) throws IOException {
        if (interchange == null || group == null || inTx || !s.terminated()) {
            throw new NotSeparable("segment " + s.ordinal() + ": an ST outside a functional group");
        }
        boolean duplicate = s.has(2) && !acks.stControls.add(s.element(2));
        long end = reader.skipTransactionSet();
        if (end < 0) {
            throw new NotSeparable("the transaction set at segment " + s.ordinal() + " does not end plainly in an SE");
        }
        segments += reader.ordinal() - s.ordinal();
        // provisional: accepted; the caller puts the set's own ack in its place
        acks.txAcks.add(new TransactionAck(s.element(1), s.element(2), s.element(3), s.ordinal(), List.of(), 0,
                List.of(), 0));
        sets.accept(new TransactionSlice(setIndex++, s.byteOffset(), end, s.ordinal() - 1, s.line(),
                s.delimiters(), interchange, group, groupVersionOk, duplicate));
    }

    private void addIk5(String code, Segment s, String message) {
        acks.addIk5(code, s, txCount, loop, message);
    }

    private void se(Segment s) {
        if (!inTx) {
            acks.interchangeError(fileError(s, "SE without a matching ST"), TA1_CONTENT);
            deliver(s);
            return;
        }
        txCount++;
        current837 = s;
        guide.end(s, guideReport);
        closeClaim();
        flushPending();
        String declared = s.element(1);
        if (!declared.equals(Integer.toString(txCount))) {
            addIk5("4", s, "SE01 says " + (declared.isEmpty() ? "nothing" : declared)
                    + " segments; the transaction set has " + txCount + " (ST through SE)");
        }
        if (!s.elementIs(2, stControl)) {
            addIk5("3", s, "SE02 control number '" + s.element(2) + "' does not match ST02 '" + stControl + "'");
        }
        loop = "";
        deliver(s);
        endTransaction(s, null, null);
    }

    /**
     * A set that ends without its SE (the file, or the next envelope segment, ends it): the guide closes its loops
     * while the last claim is still open, so that the claim carries what is missing, then the claim and the set end.
     */
    private void endWithoutSe(String message) {
        closeWithoutSe();
        closeClaim();
        endTransaction(null, "2", message);
    }

    private void endTransaction(Segment se, String ik5Code, String message) {
        if (ik5Code != null) {
            addIk5(ik5Code, null, message);
        }
        heading();
        TransactionAck ack = new TransactionAck(stId, stControl, stImpl, stSegment, List.copyOf(acks.txErrors),
                acks.txErrorCount,
                List.copyOf(acks.ik5), acks.txClaims);
        inTx = false;
        loop = "";
        if (acks.txAcks != null) {
            acks.txAcks.add(ack);
        }
        handler.transactionEnd(ack);
    }

    private void ge(Segment s) {
        if (inTx) {
            endWithoutSe("the transaction set has no SE trailer before GE");
        }
        if (group == null) {
            acks.interchangeError(fileError(s, "GE without a matching GS"), TA1_CONTENT);
            deliver(s);
            return;
        }
        int declared = parseCount(s.element(1));
        if (declared != acks.txAcks.size()) {
            acks.addGroupError(s, 1, "97", "5", "GE01 says " + s.element(1) + " transaction sets; the group has "
                    + acks.txAcks.size());
        }
        if (!s.elementIs(2, group.controlNumber())) {
            acks.addGroupError(s, 2, "28", "4", "GE02 control number '" + s.element(2) + "' does not match GS06 '"
                    + group.controlNumber() + "'");
        }
        deliver(s);
        endGroup(s, null, null);
    }

    private void endGroup(Segment ge, String code, String message) {
        if (code != null) {
            acks.ak9Codes.add(code);
            acks.groupErrors.add(new SyntaxError(0, "GE", 0, "", "", 0, 0, "", "", "", Level.GROUP, message));
        }
        int declared = ge == null ? acks.txAcks.size() : parseCount(ge.element(1));
        GroupAck ack = new GroupAck(group, List.copyOf(acks.txAcks), declared < 0 ? acks.txAcks.size() : declared,
                List.copyOf(acks.ak9Codes), List.copyOf(acks.groupErrors));
        acks.groupAcks.add(ack);
        group = null;
        acks.txAcks = null;
        handler.groupEnd(ack);
    }

    private void iea(Segment s) {
        if (inTx) {
            endWithoutSe("the transaction set has no SE trailer before IEA");
        }
        if (group != null) {
            endGroup(null, "3", "the functional group has no GE trailer before IEA");
        }
        if (interchange == null) {
            // a second IEA, or one after a lost ISA: the control structure is broken, and what the sender
            // meant to send may be incomplete, so the interchange before it is not taken either
            acks.interchangeError(fileError(s, "IEA without a matching ISA"), TA1_STRUCTURE);
        } else {
            if (parseCount(s.element(1)) != groupsInInterchange) {
                SyntaxError e = fileError(s, "IEA01 says " + s.element(1) + " functional groups; the interchange has "
                        + groupsInInterchange);
                acks.interchangeError(e, "021");
                current.add(e);
            }
            if (!s.trimmed(2).equals(interchange.controlNumber())) {
                SyntaxError e = fileError(s, "IEA02 control number '" + s.element(2)
                        + "' does not match ISA13 '" + interchange.controlNumber() + "'");
                acks.interchangeError(e, "001");
                current.add(e);
            }
        }
        interchange = null;
        deliver(s);
    }

    // ---------------------------------------------------------------- transaction body

    private void body(Segment s, int kind) {
        if (!inTx) {
            acks.interchangeError(fileError(s, "segment " + s.id() + " outside a transaction set"), TA1_CONTENT);
            deliver(s);
            return;
        }
        txCount++;
        current837 = s;
        guide.segment(s, guideReport);
        loop = guide.loop().reportedId();
        loopStart = guide.opened();
        if (situations != null && guideReports) {
            if (kind == HL || kind == CLM) {
                closeClaim(); // judged on its context before this segment starts another
            }
            situations.segment(s, guide.loop(), guide.use(), loopStart, situationSink);
        }
        switch (kind) {
            case BHT -> model.bht(s);
            case HL -> {
                closeClaim();
                heading();
                model.hl(s);
            }
            case NM1 -> model.nm1(s, loop);
            case PRV -> model.prv(s, loop);
            case REF -> {
                if (build) {
                    model.ref(s, loop);
                }
            }
            case DMG -> dmg(s);
            case SBR -> model.sbr(s);
            case PAT -> model.pat(s);
            case CLM -> {
                closeClaim();
                heading();
                model.clm(s);
                acks.txClaims++;
            }
            case DTP -> dtp(s);
            case NTE -> model.nte(s);
            case PWK -> model.pwk(s);
            case HI -> model.hi(s);
            case LX -> model.lx(s, txCount);
            case SV3 -> model.sv3(s);
            case TOO -> model.too(s);
            case SVD -> model.svd(s);
            case CAS -> model.cas(s, loop);
            case AMT -> model.amt(s, loop);
            default -> {
                // carried as it is: the annotated outputs show it, no rule reads it
            }
        }
        flushPending();
        deliver(s);
    }

    /**
     * A set that ends without its SE: the guide closes its loops (reporting what is missing) while the last claim
     * is still open, so that the claim carries those errors.
     */
    private void closeWithoutSe() {
        if (!guide.active()) {
            return;
        }
        endingWithoutSe = true;
        guide.end(null, guideReport);
        endingWithoutSe = false;
        if (!pending.isEmpty()) {
            if (model.claim != null && build) {
                model.claim.errors.addAll(pending);
            }
            pending.clear();
        }
    }

    private void flushPending() {
        if (!pending.isEmpty()) {
            current.addAll(pending);
            pending.clear();
        }
    }

    private void closeClaim() {
        ModelBuilder.ClaimBuilder claim = model.claim;
        if (claim == null) {
            return;
        }
        if (situations != null && guideReports) {
            situations.endClaim(situationSink); // before closeLine: a rule about the last line names it
        }
        model.closeClaimLoops();
        if (!current.isEmpty()) {
            if (build) {
                claim.errors.addAll(current);
            }
            current.clear();
        }
        ClaimUnit unit = model.takeClaim();
        if (unit != null) {
            handler.claim(unit);
        }
    }

    /** The transaction heading, made and handed on before the set's first HL or CLM (or its end). */
    private void heading() {
        if (model.header == null) {
            handler.transactionStart(model.header(interchange, group, stControl, stImpl, stSegment));
        }
    }

    /** A DMG's birth date, checked; built into the model when outside claims. */
    private void dmg(Segment s) {
        if (model.claim != null) {
            return;
        }
        LocalDate d = null;
        if (s.has(2)) {
            d = dates.date(s, 2, 0, s.elementLength(2));
            if (d == null) {
                elementError(s, 2, 0, "1251", "8", "", "DMG02 is not a valid CCYYMMDD date");
            }
        }
        if (!build) {
            return;
        }
        model.dmg(s, loop, d);
    }

    /** A DTP of a claim or line: its date or range checked, and built into the model. */
    private void dtp(Segment s) {
        if (model.claim == null || model.in2320 || model.in2430) {
            return;
        }
        LocalDate from;
        LocalDate to;
        int len = s.elementLength(3);
        if (s.elementIs(2, "RD8")) {
            int dash = s.indexOf(3, (byte) '-');
            from = dash > 0 ? dates.date(s, 3, 0, dash) : null;
            to = dash > 0 ? dates.date(s, 3, dash + 1, len) : null;
        } else {
            from = to = dates.date(s, 3, 0, len);
        }
        if (from == null || to == null) {
            String fmt = s.element(2);
            String v = s.element(3);
            elementError(s, 3, 0, "1251", "8", v, "DTP03 '" + v + "' is not a valid " + (fmt.isEmpty() ? "D8" : fmt)
                    + " date");
            return;
        }
        if (!build) {
            return;
        }
        model.dtp(s, from, to);
    }

    /** A situational rule broken in the claim being read (or its context). */
    private void situation(SituationChecker.Violation v) {
        ModelBuilder.ClaimBuilder claim = model.claim;
        ModelBuilder.LineBuilder line = model.line;
        if (claim == null) {
            return; // a rule about a line outside any claim: the guide has reported the line already
        }
        Guide.Situation r = v.rule();
        Guide.Loop l = guide.guide().loop(r.loop());
        Integer lx = line != null && guide.guide().within(l.index(), lineLoop) ? line.number : null;
        claim.situations.add(new SituationError(v.segment(), r.loop(), r.target(), 0, v.missing(), r.note(),
                v.because(), r.category(), r.statusCode(), lx));
    }

    // ---------------------------------------------------------------- errors

    private void elementError(Segment s, int element, int component, String ref, String code, String bad,
                              String message) {
        SyntaxError e = new SyntaxError(s.ordinal(), s.id(), txCount, loop, "8", element, component, ref, code,
                bad == null ? "" : bad, Level.SEGMENT, message);
        acks.countError(e);
        current.add(e);
    }
}
