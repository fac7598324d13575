package io.toothcomb.model;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/**
 * A 2400 service line.
 *
 * @param number LX01
 * @param codeQualifier SV301-1 (AD = ADA CDT)
 * @param code SV301-2, e.g. D1354
 * @param modifiers SV301-3..6
 * @param charge SV302, null when unreadable
 * @param placeOfService SV303, empty when the claim's applies
 * @param areas SV304 oral cavity designation codes (10 UR quadrant … 00 whole mouth)
 * @param prosthesis SV305 (I initial, R replacement), empty when absent
 * @param quantity SV306 procedure count, null when absent (which means one)
 * @param teeth TOO segments
 * @param serviceDate line DTP*472, or the claim's DTP*472 when the line has none; null when neither has one
 * @param serviceDateFromClaim true when {@code serviceDate} was taken from the claim
 * @param dates every line DTP (472, 441 prior placement …)
 * @param lineControlNumber REF*6R, echoed in the 277CA as REF*FJ
 * @param diagnosisPointers SV311 components
 * @param segment ordinal of the LX segment
 * @param sv3Segment ordinal of the SV3 segment, 0 when missing
 * @param adjudications the 2430 loops (other payers' adjudication of this line), empty for most lines
 */
public record ServiceLine(int number, String codeQualifier, String code, List<String> modifiers, BigDecimal charge,
                          String placeOfService, List<String> areas, String prosthesis, BigDecimal quantity,
                          List<Tooth> teeth, LocalDate serviceDate, boolean serviceDateFromClaim,
                          List<ClaimDate> dates, String lineControlNumber, List<String> diagnosisPointers,
                          int segment, int sv3Segment, List<LineAdjudication> adjudications) {
    public ServiceLine {
        modifiers = ModelList.copyOf(modifiers);
        areas = ModelList.copyOf(areas);
        teeth = ModelList.copyOf(teeth);
        dates = ModelList.copyOf(dates);
        diagnosisPointers = ModelList.copyOf(diagnosisPointers);
        adjudications = ModelList.copyOf(adjudications);
    }

    /** SV306 as a number, 1 when absent. */
    public BigDecimal quantityOrOne() {
        return quantity == null ? BigDecimal.ONE : quantity;
    }
}
