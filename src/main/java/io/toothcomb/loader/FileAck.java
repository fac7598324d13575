package io.toothcomb.loader;

import io.toothcomb.model.Interchange;
import java.util.List;

/**
 * Everything the envelope and syntax checks found in one file.
 *
 * <p>One verdict: a transaction set is taken only when its own syntax is sound (IK5 A), its functional group is
 * sound (no AK9 code) and its interchange is sound (no TA1 rejection); {@link #rejection} says why one is not.
 * The 999, the 277CA, the claims' findings, the listing, the console and the exit code all follow it.
 *
 * @param interchanges the ISA headers read, in order
 * @param groups one per GS, in order
 * @param fileErrors errors about the interchange or the file as a whole; each rejects its interchange (TA1)
 * @param segments segments read
 * @param bytes bytes read
 * @param interchangeAcks what the TA1 says of each interchange, in the order of {@code interchanges}
 * @param warnings what was tolerated (an IEA without its terminator at the very end of the file)
 */
public record FileAck(String source, List<Interchange> interchanges, List<GroupAck> groups,
                      List<SyntaxError> fileErrors, int segments, long bytes, List<InterchangeAck> interchangeAcks,
                      List<SyntaxError> warnings) {

    public FileAck(String source, List<Interchange> interchanges, List<GroupAck> groups, List<SyntaxError> fileErrors,
                   int segments, long bytes) {
        this(source, interchanges, groups, fileErrors, segments, bytes,
                interchanges.stream().map(i -> new InterchangeAck(i, "", "")).toList(), List.of());
    }

    /** True when the file as a whole could not be taken (not X12, or no group accepted at all). */
    public boolean rejectedAtEnvelope() {
        return groups.isEmpty() || !fileErrors.isEmpty() || interchangeAcks.stream().anyMatch(InterchangeAck::rejected)
                || groups.stream().anyMatch(g -> !status(g).equals("A"));
    }

    /** True when some set's own verdict is overruled by its group's or its interchange's (see {@link #rejection}). */
    public boolean envelopeRejectsSets() {
        // a rejected interchange may hold sets outside any group, which no GroupAck lists: always true then
        return interchangeAcks.stream().anyMatch(InterchangeAck::rejected)
                || groups.stream().anyMatch(g -> !g.ak9Codes().isEmpty()
                        && g.transactions().stream().anyMatch(TransactionAck::syntaxAccepted));
    }

    /** The TA1 verdict of the interchange holding segment {@code ordinal}, or null before the first ISA. */
    public InterchangeAck interchangeOf(int ordinal) {
        InterchangeAck found = null;
        for (InterchangeAck i : interchangeAcks) {
            if (i.interchange().segment() > ordinal) {
                break;
            }
            found = i;
        }
        return found;
    }

    /** AK901 of a group: R when its interchange is rejected, else the group's own status. */
    public String status(GroupAck g) {
        InterchangeAck ic = interchangeOf(g.group().segment());
        return ic != null && ic.rejected() ? "R" : g.status();
    }

    /** AK904 of a group: none accepted when the group or its interchange is rejected as a whole. */
    public long acceptedCount(GroupAck g) {
        InterchangeAck ic = interchangeOf(g.group().segment());
        return (ic != null && ic.rejected()) || !g.ak9Codes().isEmpty() ? 0 : g.acceptedCount();
    }

    /**
     * Why the transaction set starting at segment {@code stSegment} is not taken although its own syntax may be
     * sound, or "" when nothing above it stands in the way: its interchange is rejected (TA1), its group is rejected
     * (AK9 code), or it lies outside any group.
     */
    public String rejection(int stSegment) {
        InterchangeAck ic = interchangeOf(stSegment);
        if (ic != null && ic.rejected()) {
            return "interchange " + ic.interchange().controlNumber() + " was rejected (TA1 code " + ic.code() + ": "
                    + ic.message() + ")";
        }
        // groups and their sets are in file order: binary searches, since a big file may hold many sets
        int lo = 0;
        int hi = groups.size() - 1;
        GroupAck in = null;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            if (groups.get(mid).group().segment() <= stSegment) {
                in = groups.get(mid);
                lo = mid + 1;
            } else {
                hi = mid - 1;
            }
        }
        if (in == null || !holds(in.transactions(), stSegment)) {
            return "the transaction set is outside any functional group";
        }
        if (!in.ak9Codes().isEmpty()) {
            String why = in.errors().isEmpty() ? "AK9 code " + in.ak9Codes().get(0) : in.errors().get(0).message();
            return "functional group " + in.group().controlNumber() + " was rejected in the 999 (" + why + ")";
        }
        return "";
    }

    private static boolean holds(List<TransactionAck> sets, int stSegment) {
        int lo = 0;
        int hi = sets.size() - 1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            int at = sets.get(mid).segment();
            if (at == stSegment) {
                return true;
            }
            if (at < stSegment) {
                lo = mid + 1;
            } else {
                hi = mid - 1;
            }
        }
        return false;
    }
}
