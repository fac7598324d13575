package io.toothcomb.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Our control numbers never repeat: across threads, across processes, across a kill -9. */
class FileControlSequenceTest {
    @TempDir
    Path tmp;

    @Test
    void numbersFollowOneAnotherAndSurviveANewInstance() throws IOException {
        Path f = tmp.resolve("state/control-number");
        assertEquals(1, new FileControlSequence(f).reserve(1), "a new file starts at 1");
        assertEquals(2, new FileControlSequence(f).reserve(3));
        assertEquals(5, new FileControlSequence(f).reserve(1), "a block of 3 took 2, 3 and 4");
        assertEquals("6\n", Files.readString(f));
    }

    @Test
    void wrapsAfterNineDigits() throws IOException {
        Path f = tmp.resolve("control-number");
        Files.writeString(f, "999999999\n");
        FileControlSequence s = new FileControlSequence(f);
        assertEquals(999_999_999L, s.reserve(1));
        assertEquals(1, s.reserve(1), "after 999999999 comes 1");
        Files.writeString(f, "999999998\n");
        assertEquals(1, s.reserve(5), "a block that would pass 999999999 starts again at 1");
        assertEquals(6, s.reserve(1));
    }

    @Test
    void aDamagedFileIsAnErrorNotAFreshStart() throws IOException {
        Path f = tmp.resolve("control-number");
        Files.writeString(f, "12a\n");
        IOException e = assertThrows(IOException.class, () -> new FileControlSequence(f).reserve(1));
        assertTrue(e.getMessage().contains(f.toString()) && e.getMessage().contains("'12a'"), e.getMessage());
        assertEquals("12a\n", Files.readString(f), "left as it was");
    }

    @Test
    void threadsNeverGetTheSameNumber() throws Exception {
        Path f = tmp.resolve("control-number");
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Future<List<Long>>> got = new ArrayList<>();
        for (int t = 0; t < 8; t++) {
            // an instance each, as two scrubbers of one process would have
            got.add(pool.submit(() -> {
                FileControlSequence s = new FileControlSequence(f);
                List<Long> mine = new ArrayList<>();
                for (int i = 0; i < 40; i++) {
                    mine.add(s.reserve(1 + i % 3));
                }
                return mine;
            }));
        }
        Set<Long> all = new HashSet<>();
        long taken = 0;
        for (Future<List<Long>> g : got) {
            for (long n : g.get(60, TimeUnit.SECONDS)) {
                assertTrue(all.add(n), "number " + n + " handed out twice");
            }
        }
        pool.shutdown();
        for (int i = 0; i < 40; i++) {
            taken += 8L * (1 + i % 3);
        }
        assertEquals(taken + 1, Long.parseLong(Files.readString(f).trim()), "no number lost or counted twice");
    }

    @Test
    void twoProcessesAtOnceNeverGetTheSameNumber() throws Exception {
        Path f = tmp.resolve("control-number");
        Process a = child(f, 150);
        Process b = child(f, 150);
        List<Long> fromA = numbers(a);
        List<Long> fromB = numbers(b);
        assertEquals(0, a.waitFor(), "child a");
        assertEquals(0, b.waitFor(), "child b");
        assertEquals(150, fromA.size());
        assertEquals(150, fromB.size());
        Set<Long> all = new HashSet<>(fromA);
        for (long n : fromB) {
            assertTrue(all.add(n), "number " + n + " handed to both processes");
        }
        assertEquals(301, Long.parseLong(Files.readString(f).trim()));
        assertEquals(300L, Collections.max(all));
    }

    /** Killed at any moment (kill -9), the file holds a whole number past every number the process was given. */
    @Test
    void aKilledTakerLeavesAWholeFilePastEveryNumberHandedOut() throws Exception {
        Path f = tmp.resolve("control-number");
        long highest = 0;
        for (int round = 0; round < 3; round++) {
            Process p = child(f, 0);
            BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.US_ASCII));
            assertEquals("ready", r.readLine());
            int want = 50 + round * 37;
            for (int i = 0; i < want; i++) {
                String line = r.readLine();
                long n = Long.parseLong(line);
                assertTrue(n > highest, "number " + n + " after " + highest + " (round " + round + ")");
                highest = n;
            }
            p.destroyForcibly(); // SIGKILL: wherever it was, between a write, a force and a rename
            p.waitFor(30, TimeUnit.SECONDS);
            String left = Files.readString(f, StandardCharsets.US_ASCII);
            assertTrue(left.matches("[0-9]{1,9}\n"), "a whole number: '" + left + "'");
            assertTrue(Long.parseLong(left.trim()) > highest, "the file (" + left.trim() + ") is past " + highest);
        }
    }

    @Test
    void inMemoryStartsWhereAsked() throws IOException {
        ControlSequence s = ControlSequence.startingAt(7);
        assertEquals(7, s.reserve(1));
        assertEquals(8, s.reserve(2));
        assertEquals(10, s.reserve(1));
    }

    @Test
    void autoFollowsTheHistoryWhenThereIsOne() throws IOException {
        ControlSequence file = ControlSequence.startingAt(100);
        ControlSequence history = ControlSequence.startingAt(5000);
        assertEquals(5000, ControlSequence.preferHistory(file).withHistory(history).reserve(1));
        assertEquals(100, ControlSequence.preferHistory(file).reserve(1), "no history: the file");
        assertEquals(101, file.withHistory(history).reserve(1), "a plain file store stays a file store");
    }

    @Test
    void theDefaultFileIsInTheStateFolder() {
        assertEquals(Path.of("/x/state/toothcomb/control-number"),
                FileControlSequence.defaultFile(java.util.Map.of("XDG_STATE_HOME", "/x/state")));
        assertEquals(Path.of(System.getProperty("user.home"), ".local/state/toothcomb/control-number"),
                FileControlSequence.defaultFile(java.util.Map.of("XDG_STATE_HOME", "relative")),
                "a relative XDG_STATE_HOME is ignored, as the specification says");
    }

    private static Process child(Path f, int count) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        return new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), SequenceChild.class.getName(),
                f.toString(), String.valueOf(count)).redirectError(ProcessBuilder.Redirect.INHERIT).start();
    }

    private static List<Long> numbers(Process p) throws IOException {
        List<Long> out = new ArrayList<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.US_ASCII))) {
            for (String line; (line = r.readLine()) != null; ) {
                if (!line.equals("ready")) {
                    out.add(Long.parseLong(line));
                }
            }
        }
        return out;
    }
}
