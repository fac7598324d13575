package io.toothcomb.watch;

import io.toothcomb.model.Interchange;
import io.toothcomb.result.ScrubOptions;
import io.toothcomb.writers.AckEnvelope;
import io.toothcomb.writers.X12Writer;
import java.io.IOException;
import java.io.OutputStream;
import java.time.ZonedDateTime;

/**
 * The answer to an interchange received twice: a TA1 interchange acknowledgment that rejects it (TA104 = R) with
 * TA105 = 025, "duplicate interchange control number". Addressed back to the sender, like the 999.
 */
final class Ta1Writer {
    static final String DUPLICATE = "025";

    private Ta1Writer() {
    }

    /** Writes the TA1 with our own ISA13 from {@code options}' sequence, addressed as its ids say. */
    static void write(Interchange ic, ScrubOptions options, OutputStream out) throws IOException {
        ZonedDateTime now = ZonedDateTime.now(options.clock());
        X12Writer w = new X12Writer(out);
        String control = AckEnvelope.isa13(options.controls().reserve(1));
        AckEnvelope.isa(w, ic, now, control, options.ours());
        AckEnvelope.ta1(w, ic, now, "R", DUPLICATE);
        w.segment("IEA", "0", control);
        out.flush();
    }
}
