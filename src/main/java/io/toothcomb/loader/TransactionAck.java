package io.toothcomb.loader;

import java.util.List;

/**
 * What the 999 says of one transaction set (AK2 … IK5).
 *
 * @param transactionId ST01
 * @param controlNumber ST02
 * @param implementation ST03
 * @param segment ordinal of the ST segment
 * @param errors segment and element errors (IK3/IK4), at most {@link ClaimLoader#MAX_ERRORS_PER_TRANSACTION}
 * @param errorCount all errors found, including those not kept
 * @param ik5Codes IK502..IK506 codes, e.g. "4" segment count mismatch
 * @param claims claims read in the transaction
 */
public record TransactionAck(String transactionId, String controlNumber, String implementation, int segment,
                             List<SyntaxError> errors, int errorCount, List<String> ik5Codes, int claims) {

    public boolean accepted() {
        return errorCount == 0 && ik5Codes.isEmpty();
    }
}
