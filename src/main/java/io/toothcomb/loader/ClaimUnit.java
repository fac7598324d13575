package io.toothcomb.loader;

import io.toothcomb.model.Claim;
import io.toothcomb.reader.Segment;
import java.util.List;

/**
 * A claim as the loader hands it on: the model, the segments it was read from (CLM through the segment
 * before the next HL, CLM or SE), any syntax errors found in them (the 999's), and the implementation guide's
 * situational rules it breaks (the 277CA's, see {@link SituationError}).
 */
public record ClaimUnit(Claim claim, List<Segment> segments, List<LoopMark> loops, List<SyntaxError> errors,
                        List<SituationError> situations) {

    /** A claim without situational findings. */
    public ClaimUnit(Claim claim, List<Segment> segments, List<LoopMark> loops, List<SyntaxError> errors) {
        this(claim, segments, loops, errors, List.of());
    }

    /** The errors found on one segment of this claim. */
    public List<SyntaxError> errorsOn(int segmentOrdinal) {
        if (errors.isEmpty()) {
            return List.of();
        }
        return errors.stream().filter(e -> e.segment() == segmentOrdinal).toList();
    }
}
