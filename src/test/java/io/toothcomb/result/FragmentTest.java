package io.toothcomb.result;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * A fragment gives back, in order, exactly the bytes written into it, however they came: copied in by
 * {@link Fragment#write}, or filled in place in a lent chunk and handed over with {@link Fragment#adopt}; and
 * its memory is all given back on release, also for chunks a writer still holds.
 */
class FragmentTest {

    @Test
    void bytesWrittenAndChunksAdoptedComeBackInTheirOrder() throws IOException {
        Fragment.Budget budget = new Fragment.Budget(200L * Fragment.CHUNK);
        Fragment f = new Fragment(budget);
        ByteArrayOutputStream expected = new ByteArrayOutputStream();
        Random random = new Random(5);

        byte[] chunk = f.lend();
        assertNotNull(chunk);
        for (int round = 0; round < 30; round++) {
            // some bytes copied in, then a partly filled chunk handed over, then more copied in after it
            byte[] copied = bytes(random, random.nextInt(3 * Fragment.CHUNK / 2));
            f.write(copied, 0, copied.length);
            expected.write(copied);
            chunk = fillAndAdopt(f, chunk, bytes(random, 1 + random.nextInt(Fragment.CHUNK)), expected);
            assertNotNull(chunk);
        }
        f.giveBack(chunk);

        assertEquals(expected.size(), f.size());
        assertGivesBackThenReleases(f, expected, budget);
    }

    @Test
    void whenTheMemoryRunsOutTheRestGoesToDiskInOrder() throws IOException {
        Fragment.Budget budget = new Fragment.Budget(3L * Fragment.CHUNK);
        Fragment f = new Fragment(budget);
        ByteArrayOutputStream expected = new ByteArrayOutputStream();
        Random random = new Random(9);
        byte[] buffer = f.lend();
        int adopted = 0;
        while (buffer != null && buffer.length == Fragment.CHUNK) {
            buffer = fillAndAdopt(f, buffer, bytes(random, Fragment.CHUNK - 7), expected);
            adopted++;
        }
        assertNull(buffer, "no chunk is lent beyond the budget");
        assertEquals(3, adopted);
        // a writer's own buffer is copied from, and comes back to be written into again
        byte[] own = bytes(random, 1000);
        expected.write(own);
        assertEquals(own, f.adopt(own, own.length));
        byte[] more = bytes(random, 2 * Fragment.CHUNK);
        f.write(more, 0, more.length);
        expected.write(more);

        assertGivesBackThenReleases(f, expected, budget);
    }

    @Test
    void aChunkAWriterStillHoldsIsFreedWithTheFragment() throws IOException {
        Fragment.Budget budget = new Fragment.Budget(8L * Fragment.CHUNK);
        Fragment f = new Fragment(budget);
        byte[] chunk = f.lend();
        chunk[0] = 'x';
        f.adopt(chunk, 1); // the writer now holds a second chunk and fails before handing it back
        assertEquals(2L * Fragment.CHUNK, budget.held());
        f.release();
        assertEquals(0, budget.held(), "a failed set gives back the chunk its writer was filling too");
    }

    /** What a writer does with a lent chunk: fills its start with {@code bytes} and hands it to {@code f}. */
    private static byte[] fillAndAdopt(Fragment f, byte[] chunk, byte[] bytes, ByteArrayOutputStream expected)
            throws IOException {
        System.arraycopy(bytes, 0, chunk, 0, bytes.length);
        expected.write(bytes);
        return f.adopt(chunk, bytes.length);
    }

    /** {@code f} gives back exactly the expected bytes, in order; released, it holds none of the budget. */
    private static void assertGivesBackThenReleases(Fragment f, ByteArrayOutputStream expected, Fragment.Budget budget)
            throws IOException {
        ByteArrayOutputStream actual = new ByteArrayOutputStream();
        f.writeTo(actual);
        assertArrayEquals(expected.toByteArray(), actual.toByteArray());
        f.release();
        assertEquals(0, budget.held(), "every chunk is back in the pool");
    }

    private static byte[] bytes(Random random, int n) {
        byte[] b = new byte[n];
        random.nextBytes(b);
        return b;
    }
}
