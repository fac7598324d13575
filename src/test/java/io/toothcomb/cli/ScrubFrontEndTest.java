package io.toothcomb.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * What an operator notices of {@code scrub}: which files of a folder it takes and what it says of the others,
 * files that are not X12, output folders it cannot use, leftovers of a killed run, output permissions, long names.
 */
class ScrubFrontEndTest {
    @TempDir
    Path tmp;
    @RegisterExtension
    final ConsoleCapture capture = new ConsoleCapture();

    private static final Path SAMPLE = Path.of("edi-samples/dependents.edi");

    private List<String> visible(Path dir) throws Exception {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).filter(n -> !n.startsWith(".")).sorted().toList();
        }
    }

    @Test
    void aFolderScanTakesX12AndSaysWhatItSkipped() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("in"));
        Files.copy(SAMPLE, dir.resolve("a.edi"));
        Files.write(dir.resolve("b.batch"), ("\uFEFF\r\n" + Files.readString(SAMPLE)).getBytes(StandardCharsets.UTF_8));
        Files.writeString(dir.resolve("report.pdf"), "%PDF-1.7 ...");
        Files.writeString(dir.resolve("totals.csv"), "a,b\n");
        assertEquals(Main.OK, Main.run("scrub", dir.toString(), "--out", dir.toString()));
        assertTrue(capture.out().contains("a.edi: 5 claims") && capture.out().contains("b.batch: 5 claims"),
                capture.out());
        assertTrue(capture.err().contains("skipped 2 file(s) that are not X12") && capture.err().contains(
                "report.pdf, totals.csv"), capture.err());
        // again into the same folder: its own outputs are not taken for inputs
        capture.reset();
        assertEquals(Main.OK, Main.run("scrub", dir.toString(), "--out", dir.toString()));
        assertFalse(capture.out().contains(".999:") || capture.out().contains("annotated"), capture.out());
        assertTrue(capture.err().contains("skipped 10 toothcomb output(s)"), capture.err());
        assertEquals(2 + 2 + 10, visible(dir).size(), visible(dir).toString());
    }

    @Test
    void aNamedFileThatIsNotX12SaysWhatItIs() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("in"));
        ByteArrayOutputStream gz = new ByteArrayOutputStream();
        try (GZIPOutputStream z = new GZIPOutputStream(gz)) {
            z.write(Files.readAllBytes(SAMPLE));
        }
        Files.write(dir.resolve("zipped.edi"), gz.toByteArray());
        Files.writeString(dir.resolve("scan.edi"), "%PDF-1.4 claim form");
        Path out = tmp.resolve("out");
        assertEquals(Main.ENVELOPE_REJECTED, Main.run("scrub", dir.resolve("zipped.edi").toString(),
                dir.resolve("scan.edi").toString(), "--out", out.toString()));
        String json = Files.readString(out.resolve("zipped.findings.json"));
        assertTrue(json.contains("\"message\":\"segment 1: not an X12 interchange: it is gzip data: unzip it first"),
                json);
        assertTrue(Files.readString(out.resolve("zipped.annotated.txt")).contains("gzip data: unzip it first"));
        assertTrue(Files.readString(out.resolve("scan.findings.json")).contains("it starts with %PDF, not ISA"));
        assertTrue(Files.readString(out.resolve("scan.annotated.txt")).contains("it starts with %PDF, not ISA"));
    }

    @Test
    void anOutputFolderThatIsAFileIsSaidInWordsAndExitsTwo() throws Exception {
        Path file = Files.writeString(tmp.resolve("existing.txt"), "x");
        assertEquals(Main.USAGE, Main.run("scrub", SAMPLE.toString(), "--out", file.toString()));
        assertTrue(capture.err().contains(file + " is a file, not a folder"), capture.err());
        capture.reset();
        assertEquals(Main.USAGE, Main.run("scrub", SAMPLE.toString(), "--out", file.resolve("sub").toString()));
        assertTrue(capture.err().contains(file + " is a file, not a folder"), capture.err());
        assertFalse(capture.err().contains("Exception"), capture.err());
    }

    @Test
    void anOutputFolderThatCannotBeWrittenExitsTwoBeforeAnyWork() throws Exception {
        Path ro = Files.createDirectories(tmp.resolve("ro"));
        Files.setPosixFilePermissions(ro, PosixFilePermissions.fromString("r-xr-xr-x"));
        try {
            assumeTrue(!Files.isWritable(ro), "running as root: permissions do not stop it");
            assertEquals(Main.USAGE, Main.run("scrub", SAMPLE.toString(), "--out", ro.toString()));
            assertTrue(capture.err().contains(ro + " is not writable by user " + System.getProperty("user.name")),
                    capture.err());
            assertEquals("", capture.out(), "nothing scrubbed");
        } finally {
            Files.setPosixFilePermissions(ro, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
    }

    @Test
    void aReadOnlyFileSystemIsSaidInWords() {
        Path sys = Path.of("/sys");
        assumeTrue(Files.isDirectory(sys) && !canCreateIn(sys), "/sys is writable here");
        assertEquals(Main.USAGE, Main.run("scrub", SAMPLE.toString(), "--out", sys.toString()));
        assertTrue(capture.err().contains("the output folder (--out) /sys is "), capture.err());
        assertTrue(capture.err().contains("change its permissions or give another folder"), capture.err());
    }

    private static boolean canCreateIn(Path dir) {
        try {
            Files.delete(Files.createFile(dir.resolve(".probe-" + ProcessHandle.current().pid())));
            return true;
        } catch (Exception e) {
            return false;
        }
    }

    @Test
    void temporaryFilesOfAKilledRunAreRemovedAtStartOthersKept() throws Exception {
        Path out = Files.createDirectories(tmp.resolve("out"));
        // the names AtomicOutput gives: .NAME.HOST-PID.RANDOM.tmp; a process id that is surely not running
        String host;
        try (io.toothcomb.writers.AtomicOutput o = new io.toothcomb.writers.AtomicOutput(out.resolve("probe"))) {
            String temp = visibleOrHidden(out).get(0);
            host = temp.substring(".probe.".length(), temp.indexOf('-'));
        }
        Path dead = Files.writeString(out.resolve(".x.999." + host + "-" + deadPid() + ".k3j.tmp"), "PHI");
        Path live = Files.writeString(out.resolve(".y.999." + host + "-" + ProcessHandle.current().pid() + ".a1.tmp"),
                "being written");
        Path foreign = Files.writeString(out.resolve(".someone-else.tmp"), "not ours");
        assertEquals(Main.OK, Main.run("scrub", SAMPLE.toString(), "--out", out.toString()));
        assertFalse(Files.exists(dead), "a dead run's temporary file is removed");
        assertTrue(Files.exists(live) && Files.exists(foreign), "a live process's and a foreign file are kept");
        assertTrue(capture.err().contains("removed 1 unfinished temporary file(s)"), capture.err());
    }

    private static List<String> visibleOrHidden(Path dir) throws Exception {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    private static long deadPid() {
        long pid = 4_000_000;
        while (ProcessHandle.of(pid).isPresent()) {
            pid++;
        }
        return pid;
    }

    @Test
    void outputsFollowTheUmaskNotOwnerOnly() throws Exception {
        Path out = tmp.resolve("out");
        assertEquals(Main.OK, Main.run("scrub", SAMPLE.toString(), "--out", out.toString()));
        // a new file made by this JVM gets 0666 less the umask; the outputs must get the same
        Path probe = Files.createFile(tmp.resolve("probe"));
        Set<PosixFilePermission> expected = Files.getPosixFilePermissions(probe);
        for (String n : visible(out)) {
            assertEquals(expected, Files.getPosixFilePermissions(out.resolve(n)), n);
        }
        assumeTrue(expected.contains(PosixFilePermission.GROUP_READ), "umask " + expected);
    }

    /** {@code output.mode} in the configuration gives every output that mode whatever the umask; unset, the umask again. */
    @Test
    void outputModeFromTheConfigurationOverridesTheUmask() throws Exception {
        Path config = tmp.resolve("toothcomb.properties");
        Files.writeString(config, "output.mode = 0640\n");
        Path out = tmp.resolve("out");
        assertEquals(Main.OK, Main.run("scrub", SAMPLE.toString(), "--out", out.toString(), "--config",
                config.toString()));
        assertFalse(visible(out).isEmpty());
        for (String n : visible(out)) {
            assertEquals(PosixFilePermissions.fromString("rw-r-----"), Files.getPosixFilePermissions(out.resolve(n)), n);
        }
        Files.writeString(config, "output.mode = 0604\n");
        Path other = tmp.resolve("other");
        assertEquals(Main.OK, Main.run("scrub", SAMPLE.toString(), "--out", other.toString(), "--config",
                config.toString()));
        for (String n : visible(other)) {
            assertEquals(PosixFilePermissions.fromString("rw----r--"), Files.getPosixFilePermissions(other.resolve(n)),
                    n);
        }
        // the next run without the key follows the umask again
        Path plain = tmp.resolve("plain");
        assertEquals(Main.OK, Main.run("scrub", SAMPLE.toString(), "--out", plain.toString()));
        Set<PosixFilePermission> umask = Files.getPosixFilePermissions(Files.createFile(tmp.resolve("probe")));
        for (String n : visible(plain)) {
            assertEquals(umask, Files.getPosixFilePermissions(plain.resolve(n)), n);
        }
        // a mode that is not octal is a usage error naming the file and the key
        Files.writeString(config, "output.mode = 0648\n");
        assertEquals(Main.USAGE, Main.run("scrub", SAMPLE.toString(), "--out", tmp.resolve("x").toString(),
                "--config", config.toString()));
        assertTrue(capture.err().contains(config + ": key 'output.mode': '0648' is not an octal mode"), capture.err());
    }

    @Test
    void aLongNameIsScrubbedAndANameTooLongForItsOutputsIsRefusedOnce() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("in"));
        String longName = "b".repeat(236) + ".edi"; // 240: the .findings.json fits, the temporary name would not
        Files.copy(SAMPLE, dir.resolve(longName));
        Path out = tmp.resolve("out");
        assertEquals(Main.OK, Main.run("scrub", dir.resolve(longName).toString(), "--out", out.toString()));
        assertTrue(Files.exists(out.resolve("b".repeat(236) + ".findings.json")));
        assertEquals(List.of(), Files.list(out).filter(p -> p.getFileName().toString().endsWith(".tmp")).toList());
        String tooLong = "c".repeat(245) + ".edi";
        Files.copy(SAMPLE, dir.resolve(tooLong));
        capture.reset();
        assertEquals(Main.USAGE, Main.run("scrub", dir.resolve(tooLong).toString(), "--out", out.toString()));
        assertTrue(capture.err().contains("the name is too long for its outputs"), capture.err());
    }
}
