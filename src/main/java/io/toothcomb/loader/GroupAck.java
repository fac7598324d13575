package io.toothcomb.loader;

import io.toothcomb.model.FunctionalGroup;
import java.util.List;

/** What the 999 says of one functional group (AK1 … AK9). */
public record GroupAck(FunctionalGroup group, List<TransactionAck> transactions, int declaredTransactions,
                       List<String> ak9Codes, List<SyntaxError> errors) {

    /** Sets whose own syntax is sound (IK5 A); {@link FileAck#acceptedCount} is what AK904 says. */
    public long acceptedCount() {
        return transactions.stream().filter(TransactionAck::syntaxAccepted).count();
    }

    /** AK901: A all accepted, P some accepted, R none accepted or the group itself is in error. */
    public String status() {
        long ok = acceptedCount();
        if (!ak9Codes.isEmpty() || ok == 0) {
            return "R";
        }
        return ok == transactions.size() ? "A" : "P";
    }
}
