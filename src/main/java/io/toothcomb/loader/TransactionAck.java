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
 * @param envelope why the set is not taken although its own syntax may be sound (its group or interchange is
 *                 rejected, {@link FileAck#rejection}), or ""
 */
public record TransactionAck(String transactionId, String controlNumber, String implementation, int segment,
                             List<SyntaxError> errors, int errorCount, List<String> ik5Codes, int claims,
                             String envelope) {

    public TransactionAck(String transactionId, String controlNumber, String implementation, int segment,
                          List<SyntaxError> errors, int errorCount, List<String> ik5Codes, int claims) {
        this(transactionId, controlNumber, implementation, segment, errors, errorCount, ik5Codes, claims, "");
    }

    /** True when the set is taken: its own syntax is sound (IK5 A) and nothing above it is rejected. */
    public boolean accepted() {
        return syntaxAccepted() && envelope.isEmpty();
    }

    /** IK501 A: the set's own syntax is sound (its group or interchange may still be rejected). */
    public boolean syntaxAccepted() {
        return errorCount == 0 && ik5Codes.isEmpty();
    }

    /** This verdict, overruled by {@code why} ("" leaves it as it is). */
    public TransactionAck rejectedBy(String why) {
        return why.isEmpty() ? this : new TransactionAck(transactionId, controlNumber, implementation, segment, errors,
                errorCount, ik5Codes, claims, why);
    }
}
