package io.toothcomb.result;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Bytes written now and copied into their output later: what one writer wrote for one transaction set on a
 * worker thread, kept until it can be put in place in file order ({@link SetWriter#join}), or what a writer
 * holds back until something that comes before it is known (the 277CA's totals precede the claims they count).
 * Held in pooled chunks; when the fragments sharing a {@link Budget} together hold more than it, the rest of a
 * fragment goes to a temporary file, so memory stays bounded whatever the size of a set or file. Written by one
 * thread, then read by another after a hand-over that orders the two.
 */
public final class Fragment extends OutputStream {
    /** The size of one pooled chunk. */
    public static final int CHUNK = 1 << 17;

    /** The memory all fragments of one scrub may hold, and their pool of free chunks. */
    public static final class Budget {
        private final long limit;
        private final AtomicLong held = new AtomicLong();
        private final ConcurrentLinkedQueue<byte[]> free = new ConcurrentLinkedQueue<>();
        /** Fragments holding chunks or a temporary file, so that a failed scrub can give them all back. */
        private final java.util.Set<Fragment> open = java.util.concurrent.ConcurrentHashMap.newKeySet();

        public Budget(long limit) {
            this.limit = limit;
        }

        byte[] take() {
            if (held.addAndGet(CHUNK) > limit) {
                held.addAndGet(-CHUNK);
                return null;
            }
            byte[] c = free.poll();
            return c != null ? c : new byte[CHUNK];
        }

        void give(byte[] chunk) {
            held.addAndGet(-CHUNK);
            free.add(chunk);
        }

        /** Releases every fragment not yet released: after a failure, once no thread writes any more. */
        public void releaseAll() {
            for (Fragment f : List.copyOf(open)) {
                f.release();
            }
        }

        /** Bytes held by fragments now (for tests). */
        long held() {
            return held.get();
        }
    }

    private final Budget budget;
    private final List<byte[]> chunks = new ArrayList<>();
    /** How many bytes each chunk before the last holds ({@link #adopt} adds chunks that are not full). */
    private int[] filled = new int[8];
    private byte[] current;
    /** Bytes in the last chunk, {@link #current}. */
    private int used;
    /** Chunks {@link #lend} gave out and {@link #adopt} has not taken back: {@link #release} accounts for them. */
    private int lent;
    private long size;
    private Path spill;
    private OutputStream spillOut;

    /** An empty fragment drawing on {@code budget}. */
    public Fragment(Budget budget) {
        this.budget = budget;
    }

    /** A fragment with memory of its own: up to {@code memory} bytes in chunks, the rest in a temporary file. */
    public static Fragment standalone(long memory) {
        return new Fragment(new Budget(memory));
    }

    @Override
    public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int n) throws IOException {
        size += n;
        if (spillOut != null) {
            spillOut.write(b, off, n);
            return;
        }
        while (n > 0) {
            if (current == null || used == CHUNK) {
                if (chunks.isEmpty()) {
                    budget.open.add(this);
                }
                byte[] c = budget.take();
                if (c == null) {
                    spill = Files.createTempFile("toothcomb-set-", ".tmp");
                    spillOut = new BufferedOutputStream(Files.newOutputStream(spill), 1 << 16);
                    spillOut.write(b, off, n);
                    return;
                }
                addChunk(c, 0);
            }
            int k = Math.min(n, CHUNK - used);
            System.arraycopy(b, off, current, used, k);
            used += k;
            off += k;
            n -= k;
        }
    }

    /** Makes {@code c}, holding {@code n} bytes, the last chunk. */
    private void addChunk(byte[] c, int n) {
        int k = chunks.size();
        if (k > 0) {
            if (k > filled.length) {
                filled = java.util.Arrays.copyOf(filled, 2 * k);
            }
            filled[k - 1] = used;
        }
        chunks.add(c);
        current = c;
        used = n;
    }

    /**
     * A chunk of this fragment's memory for a writer to fill in place and hand back with {@link #adopt}, or null
     * when the memory is all taken (the writer then writes from a buffer of its own). Filling the chunk in place
     * saves copying each byte from the writer's buffer into the fragment.
     */
    public byte[] lend() {
        if (spillOut != null) {
            return null;
        }
        if (chunks.isEmpty() && lent == 0) {
            budget.open.add(this);
        }
        byte[] c = budget.take();
        if (c != null) {
            lent++;
        }
        return c;
    }

    /**
     * Takes the first {@code n} bytes of {@code buffer} as the next bytes of this fragment and returns the array
     * to go on writing into. A chunk from {@link #lend} becomes part of the fragment as it is; the caller must not
     * touch it again, and gets a new one in its place (null when the memory is all taken). Any other array is
     * copied from, and comes back to be used again.
     */
    public byte[] adopt(byte[] buffer, int n) throws IOException {
        if (lent == 0 || buffer.length != CHUNK) {
            write(buffer, 0, n);
            return buffer;
        }
        lent--;
        if (spillOut != null) {
            write(buffer, 0, n);
            budget.give(buffer);
            return null;
        }
        size += n;
        addChunk(buffer, n);
        return lend();
    }

    /** Gives back a chunk from {@link #lend} that holds nothing to keep (a writer that has finished). */
    public void giveBack(byte[] chunk) {
        if (lent > 0 && chunk.length == CHUNK) {
            lent--;
            budget.give(chunk);
        }
    }

    /**
     * An empty fragment drawing on the same memory, for a writer that holds some bytes back for a while; it is
     * released at the latest with this one (a set read again, a failed scrub).
     */
    public Fragment another() {
        Fragment f = new Fragment(budget);
        if (others == null) {
            others = new ArrayList<>(1);
        }
        others.add(f);
        return f;
    }

    /** Fragments made by {@link #another()}: released with this one, whatever their writer did with them. */
    private List<Fragment> others;

    /** Bytes written. */
    public long size() {
        return size;
    }

    /** Copies everything written, in order, to {@code out}. */
    public void writeTo(OutputStream out) throws IOException {
        int last = chunks.size() - 1;
        for (int i = 0; i <= last; i++) {
            out.write(chunks.get(i), 0, i == last ? used : filled[i]);
        }
        if (spillOut != null) {
            spillOut.close();
            spillOut = null;
            try (InputStream in = Files.newInputStream(spill)) {
                in.transferTo(out);
            }
        }
    }

    /** Gives the memory back and deletes the temporary file; the fragment is empty afterwards. */
    public void release() {
        if (others != null) {
            for (Fragment f : others) {
                f.release();
            }
            others = null;
        }
        budget.open.remove(this);
        for (byte[] c : chunks) {
            budget.give(c);
        }
        if (lent > 0) {
            // a writer still holds them: their memory is free again, the arrays are left to it
            budget.held.addAndGet(-(long) lent * CHUNK);
            lent = 0;
        }
        chunks.clear();
        current = null;
        used = 0;
        size = 0;
        if (spillOut != null) {
            try {
                spillOut.close();
            } catch (IOException ignored) {
                // the file is deleted next
            }
            spillOut = null;
        }
        if (spill != null) {
            try {
                Files.deleteIfExists(spill);
            } catch (IOException ignored) {
                // a temporary file in the temp folder; nothing else to do
            }
            spill = null;
        }
    }
}
