package io.toothcomb.writers;

import io.toothcomb.loader.ClaimUnit;
import io.toothcomb.loader.SituationError;
import io.toothcomb.loader.SyntaxError;
import io.toothcomb.loader.TransactionAck;
import io.toothcomb.model.ServiceLine;
import io.toothcomb.reader.Segment;
import io.toothcomb.result.ClaimResult;
import io.toothcomb.rules.Finding;
import java.util.List;

/**
 * Where a finding points, in the words of the mappings: the segment id ({@code SV3}), the element or component
 * name ({@code SV306}, {@code TOO03-02}), the line's REF*6R, and for an {@code X12-999} finding the syntax error
 * that got its transaction set rejected. Shared by findings.json and the HTML report, so they say the same as the
 * annotated XML.
 */
public final class FindingPlace {
    private FindingPlace() {
    }

    /** The id of the segment at {@code ordinal}, or "" when it is not among the claim's segments nor named. */
    public static String segmentId(ClaimUnit unit, int ordinal) {
        List<Segment> segs = unit.segments();
        if (!segs.isEmpty()) {
            int first = segs.get(0).ordinal();
            int i = ordinal - first;
            if (i >= 0 && i < segs.size() && segs.get(i).ordinal() == ordinal) {
                return segs.get(i).id();
            }
            for (int k = 0; k < segs.size(); k++) { // not contiguous (never seen, but cheap to allow)
                if (segs.get(k).ordinal() == ordinal) {
                    return segs.get(k).id();
                }
            }
        }
        for (SituationError e : unit.situations()) { // a context segment before the claim
            if (e.segment() == ordinal) {
                return e.segmentId();
            }
        }
        return "";
    }

    /** {@code SV306}, {@code TOO03-02}; "" for the whole segment or an unknown segment id. */
    public static String elementName(String segmentId, int element, int component) {
        if (element <= 0 || segmentId.isEmpty()) {
            return "";
        }
        String name = XmlNames.element(segmentId, element);
        return component > 0 ? XmlNames.component(name, component) : name;
    }

    /** The element name a finding points at ("" for a whole segment). */
    public static String elementName(ClaimUnit unit, Finding f) {
        return f.element() <= 0 ? "" : elementName(segmentId(unit, f.segment()), f.element(), f.component());
    }

    /** REF*6R of the finding's service line, "" for a claim-level finding or a line without one. */
    public static String lineControlNumber(ClaimResult r, Finding f) {
        if (f.line() == null) {
            return "";
        }
        List<ServiceLine> lines = r.claim().lines();
        int n = f.line();
        if (n >= 1 && n <= lines.size() && lines.get(n - 1).number() == n) {
            return nz(lines.get(n - 1).lineControlNumber());
        }
        for (ServiceLine l : lines) {
            if (l.number() == n) {
                return nz(l.lineControlNumber());
            }
        }
        return "";
    }

    /**
     * The syntax error an {@code X12-999} finding stands for: the claim's own first error, else its transaction
     * set's (a wrong SE count); null when neither has one (a set rejected by its group or interchange).
     */
    public static SyntaxError cause(ClaimUnit unit, TransactionAck ack) {
        if (!unit.errors().isEmpty()) {
            return unit.errors().get(0);
        }
        if (ack != null && !ack.errors().isEmpty()) {
            return ack.errors().get(0);
        }
        return null;
    }

    /** The element name of a syntax error ("" when it is about the whole segment). */
    public static String elementName(SyntaxError e) {
        return elementName(e.segmentId() == null ? "" : e.segmentId(), e.element(), e.component());
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }
}
