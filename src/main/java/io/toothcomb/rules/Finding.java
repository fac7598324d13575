package io.toothcomb.rules;

/**
 * One thing a rule found on a claim.
 *
 * @param rule the rule id
 * @param line the LX number of the service line, or null for a claim-level finding
 * @param segment ordinal in the file of the segment the finding points at
 * @param element element position in that segment (0 = the whole segment)
 * @param component component position within the element (0 = the whole element)
 * @param message what is wrong and how to fix it; never contains PHI
 */
public record Finding(String rule, Severity severity, String category, String statusCode, Integer line, int segment,
                      int element, int component, String message) {

    public boolean rejects() {
        return severity == Severity.ERROR;
    }
}
