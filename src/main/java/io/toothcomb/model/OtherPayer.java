package io.toothcomb.model;

import java.math.BigDecimal;
import java.util.List;

/**
 * A 2320 other subscriber loop: a payer other than the destination one, and what it did with the claim
 * (coordination of benefits).
 *
 * @param id 2330B NM109 other payer id (what the lines' 2430 SVD01 name), empty when absent
 * @param paid 2320 AMT*D payer paid amount, null when absent or unreadable
 * @param adjustments 2320 CAS claim-level adjustment amounts (CAS03, 06, 09, 12, 15, 18 of every CAS), in order
 * @param segment ordinal of the 2320 SBR segment
 * @param paidSegment ordinal of the AMT*D segment, 0 when absent
 */
public record OtherPayer(String id, BigDecimal paid, List<BigDecimal> adjustments, int segment, int paidSegment) {
    public OtherPayer {
        adjustments = ModelList.copyOf(adjustments);
    }
}
