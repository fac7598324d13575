package io.toothcomb.loader;

/**
 * A situational rule of the implementation guide (WEDI SNIP type 4, a {@code situation} line of the guide table)
 * that a claim breaks: a segment the guide requires in this situation is missing, or one it does not use here is
 * present. Reported per claim in the 277CA, never in the 999 (the claims beside it are not affected).
 *
 * @param segment ordinal of the segment to point at: the unwanted segment, or for a missing one the first segment
 *                of the loop it belongs in (of the loop around that when the loop itself is missing). For a rule
 *                about the claim's context (2010BA, 2000C) it lies before the claim's own segments.
 * @param loop the loop the rule is about (2300, 2400, 2010BA …)
 * @param segmentId the segment as people write it ({@code DTP*472}, {@code REF*F8}, {@code N3})
 * @param element the element the rule is about, or 0 for the whole segment (every 837D rule so far)
 * @param required true when the segment is required here and missing (R), false when it is present and not used (N)
 * @param note the rule's note from the table
 * @param because the condition that held, in words ({@code the claim has no DTP*472})
 * @param category the 277CA status category (A6 missing, A7 invalid, A8 relational)
 * @param statusCode the claim status code (code list 508), with its entity code when it needs one ({@code 158:IL})
 * @param line the LX number of the service line for a rule about a line (2400, 2430), else null
 */
public record SituationError(int segment, String loop, String segmentId, int element, boolean required, String note,
                             String because, String category, String statusCode, Integer line) {
}
