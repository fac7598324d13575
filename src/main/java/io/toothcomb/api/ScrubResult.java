package io.toothcomb.api;

import java.io.Serializable;

/**
 * The counts of one scrubbed file.
 *
 * @param file the input file's name
 * @param bytes its size
 * @param segments how many segments it holds
 * @param claims how many claims were read
 * @param accepted claims the 277CA accepts
 * @param rejected claims it rejects (for an error finding, or because the 999 rejects their transaction set)
 * @param findings findings of every severity
 * @param errors findings of error severity
 * @param warnings findings of warning severity
 * @param envelopeRejected true when the 999 rejects some transaction set or the whole file
 */
public record ScrubResult(String file, long bytes, int segments, int claims, int accepted, int rejected,
                          int findings, int errors, int warnings, boolean envelopeRejected) implements Serializable {

    static ScrubResult of(io.toothcomb.result.ScrubSummary s) {
        return new ScrubResult(s.file(), s.bytes(), s.segments(), s.claims(), s.accepted(), s.rejected(),
                s.findings(), s.errors(), s.warnings(), s.envelopeRejected());
    }
}
