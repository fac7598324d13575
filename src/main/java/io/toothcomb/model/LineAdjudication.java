package io.toothcomb.model;

import java.math.BigDecimal;
import java.util.List;

/**
 * A 2430 line adjudication: what another payer (a 2320 loop of the claim) did with one service line.
 *
 * @param payerId SVD01, the other payer's id (a 2330B NM109 of the claim)
 * @param paid SVD02 service line paid amount, null when unreadable
 * @param adjustments 2430 CAS line adjustment amounts (CAS03, 06, 09, 12, 15, 18 of every CAS), in order
 * @param segment ordinal of the SVD segment
 */
public record LineAdjudication(String payerId, BigDecimal paid, List<BigDecimal> adjustments, int segment) {
    public LineAdjudication {
        adjustments = ModelList.copyOf(adjustments);
    }
}
