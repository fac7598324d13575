package io.toothcomb.scrub;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;

/** The hand-over between the scrub's threads: order, and failures that stop the work instead of hanging it. */
class BatchPipeTest {

    private interface Item {
        void accept(int i) throws IOException;
    }

    /** A sink that takes each item of a batch in turn, up to the null after the last one of a short batch. */
    private static BatchPipe.Sink each(Item item) {
        return batch -> {
            for (Object o : batch) {
                if (o == null) {
                    return;
                }
                item.accept((Integer) o);
            }
        };
    }

    @Test
    void aWholeBatchArrivesAsItWasHandedOver() throws IOException {
        List<Object[]> seen = new ArrayList<>();
        BatchPipe pipe = new BatchPipe("test-worker", 4, 2, seen::add);
        Object[] first = {"a", "b"};
        Object[] second = {"c"};
        pipe.putBatch(first);
        pipe.putBatch(second);
        pipe.finish();
        assertEquals(2, seen.size());
        assertSame(first, seen.get(0), "the same array, not a copy");
        assertSame(second, seen.get(1));
    }

    @Test
    void theWorkerSeesEveryItemInOrderOnItsOwnThread() throws IOException {
        List<Integer> seen = new ArrayList<>();
        Set<String> threads = ConcurrentHashMap.newKeySet();
        BatchPipe pipe = new BatchPipe("test-worker", 7, 2, each(i -> {
            seen.add(i);
            threads.add(Thread.currentThread().getName());
        }));
        List<Integer> sent = new ArrayList<>();
        for (int i = 0; i < 1000; i++) { // many batches, a partial one at the end
            pipe.add(i);
            sent.add(i);
        }
        pipe.finish();
        assertEquals(sent, seen);
        assertEquals(Set.of("test-worker"), threads);
    }

    @Test
    void aFailureInTheWorkerReachesTheProducerAndFinish() {
        IOException disk = new IOException("disk full");
        BatchPipe pipe = new BatchPipe("test-worker", 4, 2, each(i -> {
            if (i == 10) {
                throw disk;
            }
        }));
        IOException got = assertThrows(IOException.class, () -> assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
            for (int i = 0; i < 100_000; i++) {
                pipe.add(i); // must stop with the failure, not block on a worker that gave up
            }
        }));
        assertSame(disk, got);
        assertSame(disk, assertThrows(IOException.class, pipe::finish));
    }

    @Test
    void anErrorInTheWorkerDoesNotHangTheProducer() {
        BatchPipe pipe = new BatchPipe("test-worker", 4, 1, batch -> {
            throw new StackOverflowError("a rule recursed");
        });
        StackOverflowError e = assertThrows(StackOverflowError.class,
                () -> assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
                    for (int i = 0; i < 10_000; i++) {
                        pipe.add(i);
                    }
                    pipe.finish();
                }));
        assertEquals("a rule recursed", e.getMessage());
    }

    /** The outputs are thrown away right after abandon(): the worker must have stopped touching them by then. */
    @Test
    void abandonReturnsOnlyWhenTheWorkerHasStopped() throws Exception {
        java.util.concurrent.CountDownLatch inside = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.atomic.AtomicBoolean working = new java.util.concurrent.atomic.AtomicBoolean();
        BatchPipe pipe = new BatchPipe("test-worker", 1, 2, batch -> {
            working.set(true);
            inside.countDown();
            long until = System.nanoTime() + 300_000_000L;
            while (System.nanoTime() < until) {
                Thread.onSpinWait(); // a batch that does not notice the interrupt, like a write in progress
            }
            working.set(false);
        });
        pipe.putBatch(new Object[] {"x"});
        inside.await();
        pipe.abandon();
        assertFalse(working.get(), "abandon() returned while the worker was still in its batch");
    }
}
