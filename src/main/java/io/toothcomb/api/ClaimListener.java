package io.toothcomb.api;

import java.util.List;

/**
 * Receives a file as {@link Toothcomb#scrub(java.nio.file.Path, ClaimListener)} scrubs it: each claim as soon as
 * its rules have run, in file order, then the envelope verdicts and the counts. Nothing is held in memory for the
 * whole file, so a listener suits files of any size.
 *
 * <p>Threads: {@link #claim} is called from the scrub's own rules thread, one call at a time, not from the thread
 * that called {@code scrub}; {@link #start} and {@link #end} from the calling thread. What the listener did in
 * {@code claim} is visible in {@code end}. An exception the listener throws ends the scrub and is thrown by
 * {@code scrub}.
 */
public interface ClaimListener {

    /** Before the first claim. */
    default void start(String file) {
    }

    /** One scrubbed claim, without names, member ids or birth dates. */
    void claim(ClaimReport claim);

    /**
     * After the last claim.
     *
     * @param envelopes what the 999 says: one verdict per transaction set, or one for the file when it holds no
     *                  readable set
     * @param result the file's counts
     */
    default void end(List<FileReport.EnvelopeVerdict> envelopes, ScrubResult result) {
    }
}
