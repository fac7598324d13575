package io.toothcomb.guide;

import io.toothcomb.reader.Segment;

/**
 * Receives what a {@link GuideValidator} finds, in the 999's terms: IK3 segment errors and IK4 element errors.
 * Messages are plain words for a person and never carry a value that may be PHI.
 */
public interface GuideReport {

    /**
     * A segment-level error (IK304 {@code code}): 1 unrecognized segment id, 2 unexpected, 3 required segment
     * missing, 4 loop over its maximum, 5 segment over its maximum use, 7 not in sequence, I4 a not-used segment
     * present.
     *
     * @param at the segment the error is reported on (for a missing segment, the one that showed it missing)
     * @param segmentId the id of the segment in error (for a missing segment, the missing one's id)
     * @param loopId the loop the segment is (or should have been) in
     */
    void segmentError(Segment at, String segmentId, String loopId, String code, String message);

    /**
     * An element-level error (IK403 {@code code}) on element {@code element} (component {@code component}, 0 when
     * none) of segment {@code s}.
     *
     * @param ref the data element reference number (IK402)
     * @param badValue a copy of the bad value safe to echo (a code or a number), or ""
     */
    void elementError(Segment s, String loopId, int element, int component, String ref, String code,
                      String badValue, String message);
}
