package io.toothcomb.loader;

import io.toothcomb.model.FunctionalGroup;
import io.toothcomb.model.Interchange;
import io.toothcomb.model.TransactionHeader;
import io.toothcomb.reader.Segment;
import java.util.List;

/**
 * Receives what {@link ClaimLoader} reads, in file order: every segment exactly once, either through
 * {@link #segment} or inside a {@link ClaimUnit}.
 *
 * <p>What the loader builds is the caller's choice ({@link LoadMode}): the claim model only in
 * {@link LoadMode#CLAIMS}, loop marks and segments also in {@link LoadMode#SEGMENTS}; a caller that wants the
 * acknowledgments alone gets them (the same ones) from a loader that only checks ({@link LoadMode#CHECK}).
 */
public interface LoadHandler {

    default void interchangeStart(Interchange interchange) {
    }

    default void groupStart(FunctionalGroup group) {
    }

    /** Called when the transaction heading (ST, BHT, 1000A, 1000B) has been read, before its first HL. */
    default void transactionStart(TransactionHeader header) {
    }

    /** A segment outside any claim, with its loop and the errors found on it. */
    default void segment(Segment segment, LoopMark loop, List<SyntaxError> errors) {
    }

    /** A complete claim. */
    default void claim(ClaimUnit unit) {
    }

    /** After SE (or where SE should have been). */
    default void transactionEnd(TransactionAck ack) {
    }

    default void groupEnd(GroupAck ack) {
    }

    /** After the last segment; always called, also for a file that is not X12. */
    default void end(FileAck ack) {
    }
}
