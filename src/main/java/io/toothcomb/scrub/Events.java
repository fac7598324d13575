package io.toothcomb.scrub;

import io.toothcomb.loader.ClaimUnit;
import io.toothcomb.loader.GroupAck;
import io.toothcomb.loader.LoopMark;
import io.toothcomb.loader.SyntaxError;
import io.toothcomb.loader.TransactionAck;
import io.toothcomb.model.FunctionalGroup;
import io.toothcomb.model.Interchange;
import io.toothcomb.model.TransactionHeader;
import io.toothcomb.reader.Segment;
import io.toothcomb.result.ClaimResult;
import io.toothcomb.result.ScrubListener;
import java.io.IOException;
import java.util.List;

/**
 * What travels between the scrub's threads, in batches ({@code Object[]}, null after the last event of a short
 * one): the loader's events as these records, a {@link ClaimUnit} for each claim, which the rules stage replaces
 * in the batch by its {@link ClaimResult}, and a {@link TxHeader}, which it replaces by a {@link TxStart} with the
 * 999's verdict. The writers' threads then read the same batch. Nothing in a batch changes after it is handed on.
 */
final class Events {
    private Events() {
    }

    record Start(String name) {
    }

    record IcStart(Interchange ic) {
    }

    record GroupStart(FunctionalGroup g) {
    }

    /** A transaction set's heading as the loader read it, before the rules stage knows the 999's verdict. */
    record TxHeader(TransactionHeader h) {
    }

    record TxStart(TransactionHeader h, TransactionAck ack) {
    }

    record Seg(Segment s, LoopMark loop, List<SyntaxError> errors) {
    }

    record TxEnd(TransactionAck ack) {
    }

    record GroupEnd(GroupAck ack) {
    }

    /** Calls the listener method for one event of a batch (segments and claims, the most frequent, first). */
    static void dispatch(Object e, ScrubListener target) throws IOException {
        if (e instanceof Seg s) {
            if (s.errors().isEmpty() && !target.wantsCleanSegments()) {
                return;
            }
            target.segment(s.s(), s.loop(), s.errors());
        } else if (e instanceof ClaimResult r) {
            target.claim(r);
        } else if (e instanceof TxStart s) {
            target.transactionStart(s.h(), s.ack());
        } else if (e instanceof TxEnd s) {
            target.transactionEnd(s.ack());
        } else if (e instanceof GroupEnd s) {
            target.groupEnd(s.ack());
        } else if (e instanceof GroupStart s) {
            target.groupStart(s.g());
        } else if (e instanceof IcStart s) {
            target.interchangeStart(s.ic());
        } else if (e instanceof Start s) {
            target.start(s.name());
        } else {
            throw new IllegalStateException("not an event for listeners: " + e);
        }
    }
}
