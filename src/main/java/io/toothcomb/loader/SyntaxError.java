package io.toothcomb.loader;

/**
 * One syntax or envelope error, in the terms a 999 reports it (IK3 segment, IK4 element, IK5/AK9 codes) and
 * in words for a person. Never carries PHI: {@code badValue} is only kept for codes, counts, control
 * numbers and dates.
 *
 * @param segment ordinal of the segment in the file (0 when the error is about the file as a whole)
 * @param segmentId the segment id, e.g. CLM
 * @param positionInTransaction IK302: position counted from ST = 1 (0 outside a transaction)
 * @param loopId IK303, e.g. 2300 (empty in the header)
 * @param segmentErrorCode IK304 (e.g. 8 data element errors, 3 required segment missing), empty for
 *                         transaction-level errors reported only in IK5
 * @param element IK401 element position (0 when the error is about the segment)
 * @param component IK401-2 component position (0 when none)
 * @param dataElementRef IK402 data element reference number
 * @param elementErrorCode IK403 (1 missing, 6 invalid character, 7 invalid code, 8 invalid date …)
 * @param badValue IK404 copy of the bad value where safe to echo, else empty
 * @param level where a 999 reports it
 * @param message the error in words
 * @param claimId CLM01 of the claim the error is in (the 999's CTX business unit identifier), "" outside claims
 */
public record SyntaxError(int segment, String segmentId, int positionInTransaction, String loopId,
                          String segmentErrorCode, int element, int component, String dataElementRef,
                          String elementErrorCode, String badValue, Level level, String message, String claimId) {

    /** An error outside any claim. */
    public SyntaxError(int segment, String segmentId, int positionInTransaction, String loopId,
                       String segmentErrorCode, int element, int component, String dataElementRef,
                       String elementErrorCode, String badValue, Level level, String message) {
        this(segment, segmentId, positionInTransaction, loopId, segmentErrorCode, element, component, dataElementRef,
                elementErrorCode, badValue, level, message, "");
    }

    /** Where the error belongs in a 999. */
    public enum Level {
        /** IK3 (and IK4 when {@code element > 0}) inside an AK2 loop. */
        SEGMENT,
        /** IK5 code only (e.g. SE count, control number mismatch, trailer missing). */
        TRANSACTION,
        /** AK9 code (GE count, GS/GE control number, group trailer missing, version not supported). */
        GROUP,
        /** Interchange or file level: no ISA, IEA mismatch, truncated before any group. Reported in the JSON. */
        INTERCHANGE
    }

    /** The user-facing form: "segment 42 (CLM) element CLM01: …". */
    public String describe() {
        StringBuilder b = new StringBuilder();
        if (segment > 0) {
            b.append("segment ").append(segment);
            if (!segmentId.isEmpty()) {
                b.append(" (").append(segmentId).append(')');
            }
            if (element > 0) {
                b.append(" element ").append(segmentId).append(element < 10 ? "0" : "").append(element);
                if (component > 0) {
                    b.append('-').append(component);
                }
            }
            b.append(": ");
        }
        return b.append(message).toString();
    }
}
