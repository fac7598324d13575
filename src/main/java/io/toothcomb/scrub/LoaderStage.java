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
 * The loader's side of the rules stage: what the loader reads goes, in file order and in batches of
 * {@link Events}, to a thread of its own, where the rules run and the batches go on to the writers. The loader
 * tokenizes, checks the envelope and builds claims on one core while the rules run on another. What the loader
 * hands over does not change afterwards, so it crosses threads as it is. A failure on the rules thread stops the
 * loader at its next batch ({@link BatchPipe}).
 */
final class LoaderStage implements LoadHandler {
    /**
     * Events per batch (about 20 claims of the usual size) and batches in flight. Measured on 1M claims: small
     * batches keep what the loader made in the caches until the rules and the writers read it; with too few in
     * flight the loader waits whenever a writer holds the rules up.
     */
    static final int BATCH = 128;
    private static final int IN_FLIGHT = 32;

    private final BatchPipe pipe;

    LoaderStage(BatchPipe.Sink rules, String threadName) {
        this.pipe = new BatchPipe(threadName, BATCH, IN_FLIGHT, rules);
    }

    @Override
    public void interchangeStart(Interchange interchange) {
        pipe.addUnchecked(new Events.IcStart(interchange));
    }

    @Override
    public void groupStart(FunctionalGroup group) {
        pipe.addUnchecked(new Events.GroupStart(group));
    }

    @Override
    public void transactionStart(TransactionHeader header) {
        pipe.addUnchecked(new Events.TxHeader(header));
    }

    @Override
    public void segment(Segment segment, LoopMark loop, List<SyntaxError> errors) {
        pipe.addUnchecked(new Events.Seg(segment, loop, errors));
    }

    @Override
    public void claim(ClaimUnit unit) {
        pipe.addUnchecked(unit);
    }

    @Override
    public void transactionEnd(TransactionAck ack) {
        pipe.addUnchecked(new Events.TxEnd(ack));
    }

    @Override
    public void groupEnd(GroupAck ack) {
        pipe.addUnchecked(new Events.GroupEnd(ack));
    }

    /** Waits until the rules stage has had every event; throws what it failed with. */
    void finish() throws IOException {
        pipe.finish();
    }

    /** Stops the rules thread without finishing (after a failure in the loader). */
    void abandon() {
        pipe.abandon();
    }
}
