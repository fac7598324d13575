package io.toothcomb.result;

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
 * Receives a scrubbed file in order. What the 999 says of each transaction set is known when the
 * transaction starts ({@link #transactionStart}), so a writer knows from the start which transaction sets the
 * 999 rejects; the whole envelope verdict ({@link FileAck}) comes with {@link #end}. Every segment of the file
 * arrives exactly once: through {@link #segment} or inside a {@link ClaimResult}.
 *
 * <p>Threads: a listener is called from one thread at a time, in file order, but not from the thread that called
 * the scrub: the events come from the scrub's rules thread ({@code toothcomb-rules}), {@link #start} and
 * {@link #end} from the calling thread. A listener must not rely on the caller's thread (its locks, thread-locals
 * or thread-bound transactions); what the calling thread did before the scrub, and what the listener did before
 * {@link #end}, are visible across the hand-over. An exception a listener throws fails the scrub on the calling
 * thread.
 */
public interface ScrubListener {

    default void start(String fileName) throws IOException {
    }

    default void interchangeStart(Interchange interchange) throws IOException {
    }

    default void groupStart(FunctionalGroup group) throws IOException {
    }

    /** @param ack what the 999 says of this transaction set */
    default void transactionStart(TransactionHeader header, TransactionAck ack) throws IOException {
    }

    default void segment(Segment segment, LoopMark loop, List<SyntaxError> errors) throws IOException {
    }

    /**
     * False when {@link #segment} only matters for a segment with errors: the scrub then does not call it for the
     * others (most segments of a file), which saves a call per segment. The segments still reach the listener's
     * thread, since the scrub hands each batch of events on whole.
     */
    default boolean wantsCleanSegments() {
        return true;
    }

    default void claim(ClaimResult result) throws IOException {
    }

    default void transactionEnd(TransactionAck ack) throws IOException {
    }

    default void groupEnd(GroupAck ack) throws IOException {
    }

    /** After the last segment. Writers finish their file here. */
    default void end(FileAck syntax, ScrubSummary summary) throws IOException {
    }
}
