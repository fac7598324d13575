package io.toothcomb.scrub;

import io.toothcomb.loader.ClaimUnit;
import io.toothcomb.loader.GroupAck;
import io.toothcomb.loader.LoadHandler;
import io.toothcomb.loader.LoopMark;
import io.toothcomb.loader.SyntaxError;
import io.toothcomb.loader.TransactionAck;
import io.toothcomb.model.FunctionalGroup;
import io.toothcomb.model.Interchange;
import io.toothcomb.model.TransactionHeader;
import io.toothcomb.reader.Segment;
import java.io.IOException;
import java.util.List;

/**
 * Runs a {@link LoadHandler} on a thread of its own, in file order: the loader tokenizes, checks the envelope
 * and builds claims on one core while the rules run and the results are handed to the writers on another.
 * What the loader hands over (segments, claims, acknowledgments) does not change afterwards, so it crosses
 * threads as it is. A failure in the handler stops the loader at its next batch ({@link BatchPipe}).
 */
final class LoaderStage implements LoadHandler {
    /**
     * Events per batch (about 10 claims of the usual size) and batches in flight: small batches, so that what the
     * loader made is still in the caches when the rules read it, and enough of them that the loader can run ahead
     * while a writer holds the rules up (see {@link AsyncListener}'s measurements).
     */
    private static final int BATCH = 64;
    private static final int IN_FLIGHT = 32;

    private interface Call {
        void on(LoadHandler h);
    }

    private final BatchPipe<Call> pipe;

    LoaderStage(LoadHandler target, String threadName) {
        this.pipe = new BatchPipe<>(threadName, BATCH, IN_FLIGHT, c -> c.on(target));
    }

    @Override
    public void interchangeStart(Interchange interchange) {
        pipe.addUnchecked(h -> h.interchangeStart(interchange));
    }

    @Override
    public void groupStart(FunctionalGroup group) {
        pipe.addUnchecked(h -> h.groupStart(group));
    }

    @Override
    public void transactionStart(TransactionHeader header) {
        pipe.addUnchecked(h -> h.transactionStart(header));
    }

    @Override
    public void segment(Segment segment, LoopMark loop, List<SyntaxError> errors) {
        pipe.addUnchecked(h -> h.segment(segment, loop, errors));
    }

    @Override
    public void claim(ClaimUnit unit) {
        pipe.addUnchecked(h -> h.claim(unit));
    }

    @Override
    public void transactionEnd(TransactionAck ack) {
        pipe.addUnchecked(h -> h.transactionEnd(ack));
    }

    @Override
    public void groupEnd(GroupAck ack) {
        pipe.addUnchecked(h -> h.groupEnd(ack));
    }

    /** Waits until the handler has had every event; throws what it failed with. */
    void finish() throws IOException {
        pipe.finish();
    }

    /** Stops the handler's thread without finishing (after a failure in the loader). */
    void abandon() {
        pipe.abandon();
    }
}
