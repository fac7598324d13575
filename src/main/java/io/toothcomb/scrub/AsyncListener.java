package io.toothcomb.scrub;

import io.toothcomb.loader.FileAck;
import java.io.IOException;
import java.util.List;

/**
 * Runs listeners on a thread of their own (in the order given), so that writers work on another core while the
 * claims are read and checked. The rules stage hands it whole batches of events ({@link Events}), the same
 * batch to every writer thread, which go on in groups of {@link #GROUP} through a bounded queue ({@link BatchPipe})
 * that keeps memory flat; {@link #start} and {@link #end} come as calls. A failure in a writer stops the scrub at
 * the next group, or is reported from {@link #end}.
 */
final class AsyncListener implements ScrubListener {
    /**
     * The rules stage's batches go to a writer thread {@code GROUP} at a time: each hand-over may wake the thread
     * (a futex call, and on two cores often a switch away from the rules thread), and one batch of 128 events was
     * too little work per wake-up. Measured on 1M claims, warm: 16 took the rules thread from 1.50 to 1.31 core-s
     * and the run from 3.1-3.3 to 2.8-3.0 s; 4 and 8 gained less, 32 no more.
     */
    static final int GROUP = 16;
    /** Groups queued per writer thread (up to 4,096 events): 2 kept both cores as busy as 4 or 8 did. */
    private static final int IN_FLIGHT = 2;

    private final ScrubListener[] targets;
    private final BatchPipe pipe;

    AsyncListener(List<ScrubListener> targets, String name) {
        this.targets = targets.toArray(ScrubListener[]::new);
        this.pipe = new BatchPipe("toothcomb-" + name, GROUP, IN_FLIGHT, this::dispatch);
    }

    /** A group of batches (null after the last of a short group), each batch's events in order. */
    private void dispatch(Object[] group) throws IOException {
        for (int b = 0; b < group.length && group[b] != null; b++) {
            Object[] batch = (Object[]) group[b];
            for (int i = 0; i < batch.length; i++) {
                Object e = batch[i];
                if (e == null) {
                    break;
                }
                for (int t = 0; t < targets.length; t++) {
                    Events.dispatch(e, targets[t]);
                }
            }
        }
    }

    /** A batch of events from the rules stage, read here, on this listener's thread. */
    void batch(Object[] events) throws IOException {
        pipe.add(events);
    }

    @Override
    public void start(String fileName) throws IOException {
        pipe.add(new Object[] {new Events.Start(fileName)});
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
