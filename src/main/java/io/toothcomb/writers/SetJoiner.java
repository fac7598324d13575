package io.toothcomb.writers;

import io.toothcomb.result.Fragment;
import io.toothcomb.result.SetWriter;
import java.io.IOException;

/**
 * How every writer puts a set's part in place ({@link SetWriter#join}), written once: the writer takes over what
 * the part learned (its counts); a part that wrote nothing is left out, frame and all; otherwise the writer writes
 * what precedes the set's bytes (an ST, a separator), the bytes, and what follows them (an SE). Each writer says
 * only what those steps are for its output.
 *
 * @param <P> the writer's part, as {@link #forSet} makes it
 */
abstract class SetJoiner<P extends SetWriter.Part> implements SetWriter {

    @Override
    public final void join(Part part, Fragment bytes) throws IOException {
        @SuppressWarnings("unchecked")
        P p = (P) part;
        takeOver(p);
        if (!wrote(p)) {
            return;
        }
        open(p);
        place(bytes);
        close(p);
    }

    /** Takes over what the part learned while it wrote (counts, names). */
    void takeOver(P part) {
    }

    /** False when the part wrote nothing: neither bytes nor a frame around them go out. */
    boolean wrote(P part) {
        return true;
    }

    /** Writes what precedes the part's bytes. */
    void open(P part) throws IOException {
    }

    /** Writes the part's bytes where this writer's output stands, after whatever it holds buffered. */
    abstract void place(Fragment bytes) throws IOException;

    /** Writes what follows the part's bytes. */
    void close(P part) throws IOException {
    }
}
