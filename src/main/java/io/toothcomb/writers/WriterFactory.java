package io.toothcomb.writers;

import io.toothcomb.result.Output;
import io.toothcomb.result.ScrubListener;
import io.toothcomb.result.ScrubOptions;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/** Makes the writer for each kind of output. */
public final class WriterFactory {
    private WriterFactory() {
    }

    /**
     * The writer of {@code output} into {@code file}. An acknowledgment takes its own control number here, when the
     * writers are made in their fixed order, so that which answer gets which number never depends on the threads.
     *
     * @throws IOException when the control-number store cannot be read or written (the message names it)
     */
    public static ScrubListener create(Output output, AtomicOutput file, ScrubOptions options) throws IOException {
        return switch (output) {
            case ACK_999 -> new Ack999Writer(file.stream(), options.clock(), options.controls().reserve(1),
                    options.ours());
            case ACK_277 -> new Ack277Writer(file.stream(), options.clock(), options.controls().reserve(1),
                    options.ours());
            case FINDINGS_JSON -> new FindingsJsonWriter(file.stream());
            case ANNOTATED_XML -> new AnnotatedXmlWriter(file.stream(), AnnotatedXmlWriter.Form.SEGMENTS);
            case ANNOTATED_XML_ELEMENTS -> new AnnotatedXmlWriter(file.stream(), AnnotatedXmlWriter.Form.ELEMENTS);
            case LISTING -> new ListingWriter(file.stream());
            case REPORT_HTML -> new ReportHtmlWriter(file.stream(), options.clock());
            case ACCEPTED_837 -> new Forward837Writer(file.stream(), Forward837Writer.Side.ACCEPTED,
                    ControlNumbers.sequence(options.controls()), options.clock());
            case REJECTED_837 -> new Forward837Writer(file.stream(), Forward837Writer.Side.REJECTED,
                    ControlNumbers.sequence(options.controls()), options.clock());
        };
    }

    /**
     * Ends a scrub's outputs: those whose writer had nothing to write are thrown away, the others committed
     * together ({@link AtomicOutput#commitAll}). {@code files.get(i)} is {@code writers.get(i)}'s output.
     */
    public static void commit(List<AtomicOutput> files, List<ScrubListener> writers) throws IOException {
        List<AtomicOutput> keep = new ArrayList<>();
        for (int i = 0; i < files.size(); i++) {
            if (wroteNothing(writers.get(i))) {
                files.get(i).abort();
            } else {
                keep.add(files.get(i));
            }
        }
        AtomicOutput.commitAll(keep);
    }

    /**
     * True for a writer that had nothing to write: a 277CA when no transaction set was readable, an accepted or
     * rejected 837 without a claim.
     */
    public static boolean wroteNothing(ScrubListener writer) {
        return writer instanceof Ack277Writer w && w.empty() || writer instanceof Forward837Writer f && f.empty();
    }
}
