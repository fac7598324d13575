package io.toothcomb.api;

import java.util.EnumSet;
import java.util.Set;

/**
 * The files {@link Toothcomb#scrub(java.nio.file.Path, java.nio.file.Path)} writes for an input file, each named
 * after the input without its extension ({@code .edi}, {@code .x12}, {@code .837}, {@code .txt}, {@code .dat}) as
 * {@code NAME} below, each under a temporary name first and then moved into place.
 */
public enum Output {
    /** {@code NAME.999}: the implementation acknowledgment (envelope and syntax verdict of each transaction set). */
    ACK_999,
    /** {@code NAME.277}: the 277CA claim acknowledgment, one status per claim. */
    ACK_277,
    /** {@code NAME.findings.json}: every finding with the segment, element and rule that produced it. */
    FINDINGS_JSON,
    /** {@code NAME.annotated.xml}: one element per segment with the segment's text and its findings. */
    ANNOTATED_XML,
    /** {@code NAME.elements.xml}: the annotated XML with every X12 element as an XML element (about six times the input). */
    ANNOTATED_XML_ELEMENTS,
    /** {@code NAME.annotated.txt}: the input, one segment a line, with findings under the segments they point at. */
    LISTING,
    /** {@code NAME.report.html}: the batch report a billing office opens in a browser. */
    REPORT_HTML,
    /** {@code NAME.accepted.837}: the accepted claims as an 837D to forward (not written when none is accepted). */
    ACCEPTED_837,
    /** {@code NAME.rejected.837}: the rejected claims as an 837D (not written when there are none). */
    REJECTED_837;

    /** What is written when no outputs are named: 999, 277CA, findings.json, annotated XML and listing. */
    public static Set<Output> defaults() {
        return EnumSet.of(ACK_999, ACK_277, FINDINGS_JSON, ANNOTATED_XML, LISTING);
    }
}
