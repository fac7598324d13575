package io.toothcomb.writers;

import io.toothcomb.scrub.Output;
import io.toothcomb.scrub.ScrubListener;
import io.toothcomb.scrub.ScrubOptions;

/** Makes the writer for each kind of output. */
public final class WriterFactory {
    private WriterFactory() {
    }

    public static ScrubListener create(Output output, AtomicOutput file, ScrubOptions options) {
        return switch (output) {
            case ACK_999 -> new Ack999Writer(file.stream(), options.clock());
            case ACK_277 -> new Ack277Writer(file.stream(), options.clock());
            case FINDINGS_JSON -> new FindingsJsonWriter(file.stream());
            case ANNOTATED_XML -> new AnnotatedXmlWriter(file.stream(), AnnotatedXmlWriter.Form.SEGMENTS);
            case ANNOTATED_XML_ELEMENTS -> new AnnotatedXmlWriter(file.stream(), AnnotatedXmlWriter.Form.ELEMENTS);
            case LISTING -> new ListingWriter(file.stream());
        };
    }

    /** True for a writer that had nothing to write (a 277CA when no transaction set was readable). */
    public static boolean wroteNothing(ScrubListener writer) {
        return writer instanceof Ack277Writer w && w.empty();
    }
}
