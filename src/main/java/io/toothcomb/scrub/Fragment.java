package io.toothcomb.scrub;

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
    static final int CHUNK = 1 << 17;

    /** The memory all fragments of one scrub may hold, and their pool of free chunks. */
    static final class Budget {
        private final long limit;
        private final AtomicLong held = new AtomicLong();
        private final ConcurrentLinkedQueue<byte[]> free = new ConcurrentLinkedQueue<>();
        /** Fragments holding chunks or a temporary file, so that a failed scrub can give them all back. */
        private final java.util.Set<Fragment> open = java.util.concurrent.ConcurrentHashMap.newKeySet();

        Budget(long limit) {
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
        void releaseAll() {
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
    private byte[] current;
    private int used;
    private long size;
    private Path spill;
    private OutputStream spillOut;

    Fragment(Budget budget) {
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
                chunks.add(c);
                current = c;
                used = 0;
            }
            int k = Math.min(n, CHUNK - used);
            System.arraycopy(b, off, current, used, k);
            used += k;
            off += k;
            n -= k;
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
            out.write(chunks.get(i), 0, i == last ? used : CHUNK);
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
