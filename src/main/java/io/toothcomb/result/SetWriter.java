package io.toothcomb.result;

import java.io.IOException;
import java.io.OutputStream;

/**
 * A writer that can write a transaction set apart from the rest of the file, so that sets are written on
 * several threads at once: {@link #forSet} makes a writer for one set, which sees the set's events (from the
 * segment call for its ST, through {@link #transactionStart}, to {@link #transactionEnd}) on a worker thread and
 * writes into a buffer; later, in file order and on the thread that called the scrub, {@link #join} puts those
 * bytes in place. This writer itself sees the rest on that thread: {@link #start}, the envelope's events and
 * segments outside the sets, and {@link #end}. The output must be byte for byte what this writer writes when it
 * sees the set itself.
 *
 * <p>A scrub writes sets apart only when every listener is a SetWriter, and only for sets that lie in a
 * functional group (between a GS and its GE, with nothing else open).
 */
public interface SetWriter extends ScrubListener {

    /**
     * A writer for one set, writing to {@code out}. Called on a worker thread, possibly while this writer is
     * writing earlier sets: it may read only what this writer fixed in {@link #start}.
     */
    Part forSet(OutputStream out);

    /** Writes {@code bytes}, what {@code part} wrote, and takes over what the part learned (counts). */
    void join(Part part, Fragment bytes) throws IOException;

    /** The writer of one set. */
    interface Part extends ScrubListener {
        /** After the set's last event, on the worker: writes out whatever is still buffered. */
        void finish() throws IOException;
    }
}
