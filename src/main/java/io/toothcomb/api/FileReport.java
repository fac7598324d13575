package io.toothcomb.api;

import java.io.Serializable;
import java.util.List;

/**
 * What scrubbing one file found, as plain immutable values (no PHI: patients appear only as a salted hash): the
 * envelope verdicts and the claims with their lines and findings. Made by {@link Toothcomb#report}.
 *
 * @param file the file's name
 * @param envelopes one per transaction set, or one for the file when it holds no readable set (not X12, truncated,
 *                  wrong version): what the 999 says
 * @param claims the claims in file order
 */
public record FileReport(String file, List<EnvelopeVerdict> envelopes, List<ClaimReport> claims)
        implements Serializable {
    public FileReport {
        envelopes = List.copyOf(envelopes);
        claims = List.copyOf(claims);
    }

    /**
     * The 999 verdict on one transaction set (or on the whole file when {@code setControl} is null).
     *
     * @param interchangeDate ISA09 and ISA10 as yyMMddHHmm, "" when there is no interchange header
     * @param verdict A accepted, R rejected (IK501 for a set, AK901 or the TA1 for a file without sets)
     * @param errors the errors the 999 reports, in words, each naming segment number, segment id and element
     */
    public record EnvelopeVerdict(String interchangeControl, String interchangeDate, String groupControl,
                                  String setControl, String verdict, List<String> errors) implements Serializable {
        public EnvelopeVerdict {
            errors = List.copyOf(errors);
        }
    }
}
