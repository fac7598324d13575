package io.toothcomb.cli;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * What the command line prints during a test, for tests that run {@link Main#run}: System.out and System.err
 * are captured before each test and put back after it. Use with {@code @RegisterExtension}.
 */
final class ConsoleCapture implements BeforeEachCallback, AfterEachCallback {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private PrintStream oldOut;
    private PrintStream oldErr;

    @Override
    public void beforeEach(ExtensionContext context) {
        oldOut = System.out;
        oldErr = System.err;
        out.reset();
        err.reset();
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @Override
    public void afterEach(ExtensionContext context) {
        System.setOut(oldOut);
        System.setErr(oldErr);
    }

    /** Forgets what was printed so far (between two runs in one test). */
    void reset() {
        out.reset();
        err.reset();
    }

    /** What went to standard output so far. */
    String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    /** What went to standard error so far. */
    String err() {
        return err.toString(StandardCharsets.UTF_8);
    }
}
