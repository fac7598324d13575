package io.toothcomb.watch;

import io.toothcomb.model.Interchange;
import io.toothcomb.writers.X12Writer;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Clock;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;

/**
 * The answer to an interchange received twice: a TA1 interchange acknowledgment that rejects it (TA104 = R) with
 * TA105 = 025, "duplicate interchange control number". Addressed back to the sender, like the 999.
 */
final class Ta1Writer {
    static final String DUPLICATE = "025";
    private static final DateTimeFormatter YYMMDD = DateTimeFormatter.ofPattern("yyMMdd");
    private static final DateTimeFormatter HHMM = DateTimeFormatter.ofPattern("HHmm");

    private Ta1Writer() {
    }

    static void write(Interchange ic, Clock clock, OutputStream out) throws IOException {
        ZonedDateTime now = ZonedDateTime.now(clock);
        X12Writer w = new X12Writer(out);
        String control = X12Writer.pad(digits(ic.controlNumber()), 9);
        w.segment("ISA", "00", X12Writer.pad("", 10), "00", X12Writer.pad("", 10), X12Writer.pad(ic.receiverQualifier(), 2),
                X12Writer.pad(ic.receiverId(), 15), X12Writer.pad(ic.senderQualifier(), 2), X12Writer.pad(ic.senderId(), 15),
                now.format(YYMMDD), now.format(HHMM), String.valueOf(X12Writer.REPETITION), "00501", control, "0",
                ic.usage() == null || ic.usage().isEmpty() ? "P" : ic.usage(), String.valueOf(X12Writer.COMPONENT));
        w.segment("TA1", X12Writer.clean(ic.controlNumber()), X12Writer.clean(ic.date()), X12Writer.clean(ic.time()),
                "R", DUPLICATE);
        w.segment("IEA", "0", control);
        out.flush();
    }

    private static String digits(String s) {
        String d = s == null ? "" : s.replaceAll("[^0-9]", "");
        if (d.isEmpty()) {
            d = "1";
        }
        if (d.length() > 9) {
            d = d.substring(d.length() - 9);
        }
        return "0".repeat(9 - d.length()) + d;
    }
}
