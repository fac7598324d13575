package io.toothcomb.scrub;

import io.toothcomb.loader.FileAck;
import io.toothcomb.result.ScrubListener;
import io.toothcomb.result.ScrubSummary;
import java.io.IOException;
import java.util.List;

/**
 * Runs listeners on a thread of their own (in the order given), so that writers work on another core while the
 * claims are read and checked. The rules stage hands it whole batches of events ({@link Events}), the same
 * batch to every writer thread, through a bounded queue ({@link BatchPipe}) that keeps memory flat;
 * {@link #start} and {@link #end} come as calls. A failure in a writer stops the scrub at the next batch, or is
 * reported from {@link #end}.
 */
final class AsyncListener implements ScrubListener {
    /** Batches queued per writer thread: 8 kept both cores busy; 32 held enough garbage for a full GC now and then. */
    private static final int IN_FLIGHT = 8;

    private final ScrubListener[] targets;
    private final BatchPipe pipe;

    AsyncListener(List<ScrubListener> targets, String name) {
        this.targets = targets.toArray(ScrubListener[]::new);
        this.pipe = new BatchPipe("toothcomb-" + name, 1, IN_FLIGHT, this::dispatch);
    }

    private void dispatch(Object[] batch) throws IOException {
        for (int i = 0; i < batch.length; i++) {
            Object e = batch[i];
            if (e == null) {
                return;
            }
            for (int t = 0; t < targets.length; t++) {
                Events.dispatch(e, targets[t]);
            }
        }
    }

    /** A batch of events from the rules stage, read here, on this listener's thread. */
    void batch(Object[] events) throws IOException {
        pipe.putBatch(events);
    }

    @Override
    public void start(String fileName) throws IOException {
        pipe.putBatch(new Object[] {new Events.Start(fileName)});
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
