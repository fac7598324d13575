package io.toothcomb.scrub;

import io.toothcomb.loader.FileAck;
import io.toothcomb.loader.GroupAck;
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
 * Runs listeners on a thread of their own (in the order given), fed in batches through a bounded queue, so
 * that writers work on another core while the claims are read and checked. Events are immutable, so
 * they can be handed over as they are ({@link BatchPipe}); the bounded queue keeps memory flat. A failure in the
 * writer stops the scrub at the next batch, or is reported from {@link #end}.
 */
final class AsyncListener implements ScrubListener {
    /**
     * Events per batch and batches queued per writer. Measured on 1M claims (CPU of the whole scrub): 512 x 8
     * cost 8.3-9.1 core-s, 128 x 8 7.4-7.6 (the events are still in the caches when the writer reads them),
     * 64 x 4 8.4 (too many hand-overs). 32 batches of 512 held enough garbage for a full GC now and then.
     */
    private static final int BATCH = 128;
    private static final int IN_FLIGHT = 8;

    private sealed interface Event permits Start, IcStart, GroupStart, TxStart, Seg, ClaimEv, TxEnd, GroupEnd {
    }

    private record Start(String name) implements Event {
    }

    private record IcStart(Interchange ic) implements Event {
    }

    private record GroupStart(FunctionalGroup g) implements Event {
    }

    private record TxStart(TransactionHeader h, TransactionAck ack) implements Event {
    }

    private record Seg(Segment s, LoopMark loop, List<SyntaxError> errors) implements Event {
    }

    private record ClaimEv(ClaimResult r) implements Event {
    }

    private record TxEnd(TransactionAck ack) implements Event {
    }

    private record GroupEnd(GroupAck ack) implements Event {
    }

    private final List<ScrubListener> targets;
    /** The same, for the loop that runs for every event (no iterator per event). */
    private final ScrubListener[] targetArray;
    /** Whether any target wants segments without errors; if none does, they are not queued. */
    private final boolean cleanSegments;
    private final BatchPipe<Event> pipe;

    AsyncListener(List<ScrubListener> targets, String name) {
        this.targets = List.copyOf(targets);
        this.targetArray = this.targets.toArray(ScrubListener[]::new);
        this.cleanSegments = this.targets.stream().anyMatch(ScrubListener::wantsCleanSegments);
        this.pipe = new BatchPipe<>("toothcomb-" + name, BATCH, IN_FLIGHT, this::dispatch);
    }

    private void dispatch(Event e) throws IOException {
        for (int i = 0; i < targetArray.length; i++) {
            ScrubListener target = targetArray[i];
            if (e instanceof Seg s) {
                target.segment(s.s(), s.loop(), s.errors());
            } else if (e instanceof ClaimEv s) {
                target.claim(s.r());
            } else if (e instanceof Start s) {
                target.start(s.name());
            } else if (e instanceof IcStart s) {
                target.interchangeStart(s.ic());
            } else if (e instanceof GroupStart s) {
                target.groupStart(s.g());
            } else if (e instanceof TxStart s) {
                target.transactionStart(s.h(), s.ack());
            } else if (e instanceof TxEnd s) {
                target.transactionEnd(s.ack());
            } else if (e instanceof GroupEnd s) {
                target.groupEnd(s.ack());
            }
        }
    }

    private void add(Event e) throws IOException {
        pipe.add(e);
    }

    @Override
    public boolean wantsCleanSegments() {
        return cleanSegments;
    }

    @Override
    public void start(String fileName) throws IOException {
        add(new Start(fileName));
    }

    @Override
    public void interchangeStart(Interchange interchange) throws IOException {
        add(new IcStart(interchange));
    }

    @Override
    public void groupStart(FunctionalGroup group) throws IOException {
        add(new GroupStart(group));
    }

    @Override
    public void transactionStart(TransactionHeader header, TransactionAck ack) throws IOException {
        add(new TxStart(header, ack));
    }

    @Override
    public void segment(Segment segment, LoopMark loop, List<SyntaxError> errors) throws IOException {
        if (!cleanSegments && errors.isEmpty()) {
            return;
        }
        add(new Seg(segment, loop, errors));
    }

    @Override
    public void claim(ClaimResult result) throws IOException {
        add(new ClaimEv(result));
    }

    @Override
    public void transactionEnd(TransactionAck ack) throws IOException {
        add(new TxEnd(ack));
    }

    @Override
    public void groupEnd(GroupAck ack) throws IOException {
        add(new GroupEnd(ack));
    }

    /** Waits for the writer to catch up, then lets it finish its file on this thread. */
    @Override
    public void end(FileAck syntax, ScrubSummary summary) throws IOException {
        pipe.finish();
        for (ScrubListener target : targets) {
            target.end(syntax, summary);
        }
    }

    /** Stops the worker without finishing the file (after a failure elsewhere). */
    void abandon() {
        pipe.abandon();
    }
}
