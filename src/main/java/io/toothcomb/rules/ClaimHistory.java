package io.toothcomb.rules;

import io.toothcomb.model.Claim;
import java.time.LocalDate;
import java.util.List;

/**
 * What a {@linkplain RuleInfo#history() history rule} may ask of earlier accepted claims. Lines are per patient
 * (matched by a hashed key, never by names in clear) and per tooth. A claim never sees what it itself recorded before, nor what the claim it replaces or
 * voids recorded: checking a replacement or a re-sent claim gives the same answer as checking it the first time.
 */
public interface ClaimHistory {

    /** One accepted service line recorded earlier. */
    record Line(String code, String tooth, LocalDate serviceDate) {
    }

    /** False when no history is configured: rules then compare the lines of the claim itself only. */
    boolean available();

    /** Accepted lines of this claim's patient on {@code tooth}, from earlier claims (in any earlier file or earlier in this file). */
    List<Line> toothHistory(Claim claim, String tooth);

    /** No history configured. */
    ClaimHistory NONE = new ClaimHistory() {
        @Override
        public boolean available() {
            return false;
        }

        @Override
        public List<Line> toothHistory(Claim claim, String tooth) {
            return List.of();
        }
    };
}
