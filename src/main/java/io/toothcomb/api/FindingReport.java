package io.toothcomb.api;

import java.io.Serializable;

/**
 * One thing a rule found on a claim.
 *
 * @param severity ERROR, WARNING or INFO
 * @param line LX number, null for a claim-level finding
 * @param segment ordinal in the file of the segment it points at
 * @param element element position (0 = the whole segment)
 * @param statusCode the 277CA status code
 */
public record FindingReport(String rule, String severity, Integer line, int segment, int element,
                            int component, String category, String statusCode, String message)
        implements Serializable {

    /** True for error severity: the claim is rejected. */
    public boolean rejects() {
        return "ERROR".equals(severity);
    }
}
