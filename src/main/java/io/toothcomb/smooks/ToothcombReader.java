package io.toothcomb.smooks;

import io.toothcomb.reader.Segment;
import io.toothcomb.reader.X12Reader;
import io.toothcomb.result.ClaimResult;
import io.toothcomb.result.Output;
import io.toothcomb.result.ScrubListener;
import io.toothcomb.result.ScrubOptions;
import io.toothcomb.rules.Finding;
import io.toothcomb.rules.engine.RuleEngine;
import io.toothcomb.scrub.Scrubber;
import io.toothcomb.writers.AtomicOutput;
import io.toothcomb.writers.WriterFactory;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.smooks.api.ExecutionContext;
import org.smooks.api.SmooksException;
import org.smooks.api.TypedKey;
import org.smooks.api.resource.reader.SmooksXMLReader;
import org.xml.sax.ContentHandler;
import org.xml.sax.DTDHandler;
import org.xml.sax.EntityResolver;
import org.xml.sax.ErrorHandler;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;
import org.xml.sax.helpers.AttributesImpl;

/**
 * {@code <toothcomb:reader/>}: a Smooks reader that reads X12 837D with toothcomb's byte reader and sends the same
 * SAX events as the DFDL mapping {@code mappings/837d/x12-837d.dfdl.xsd} (layout in mappings/README.md), so a
 * config written for {@code dfdl:parser} keeps its visitors and selectors when it swaps the reader. The layout is
 * read from that schema's structure ({@link X12Layout}); Daffodil is not needed.
 *
 * <p>Differences: several interchanges in one stream become several {@code Interchange} elements in one document
 * (the DFDL mapping reads one interchange per parse); where the DFDL parse fails, this reader fails too, naming
 * the segment by number, id and line.
 *
 * <p>With {@code <toothcomb:scrub/>} in the config, the input is also scrubbed (rules, 999, 277CA) on a second
 * thread, and each claim's verdict reaches the {@link ScrubVisitor} as its Loop2300 opens.
 */
public final class ToothcombReader implements SmooksXMLReader {
    /** The verdict of the Loop2300 about to open (for the {@link ScrubVisitor}). */
    static final TypedKey<ClaimVerdict> PENDING = TypedKey.of("toothcomb.pending");
    /** Present while the reader scrubs the stream. */
    static final TypedKey<Boolean> SCRUBBING = TypedKey.of("toothcomb.scrubbing");
    /** The namespace of the attributes and elements {@code annotate="true"} adds. */
    public static final String NS = "https://toothcomb.io/xsd/smooks/toothcomb-1.0.xsd";

    private static final Map<Path, RuleEngine> ENGINES = new ConcurrentHashMap<>();
    private static final Object END = new Object();

    private ContentHandler contentHandler;
    private ErrorHandler errorHandler;
    private DTDHandler dtdHandler;
    private EntityResolver entityResolver;
    private ExecutionContext executionContext;

    @Override
    public void setExecutionContext(ExecutionContext executionContext) {
        this.executionContext = executionContext;
    }

    @Override
    public void parse(InputSource input) throws IOException, SAXException {
        ScrubSettings scrub = executionContext == null ? null
                : executionContext.getApplicationContext().getRegistry().lookup(ScrubSettings.class);
        X12Layout layout;
        try {
            layout = X12Layout.of(MappingKind.CLAIM_837D);
        } catch (SmooksX12Exception e) {
            throw new SAXException(e.getMessage(), e);
        }
        String source = sourceName(input);
        if (scrub == null) {
            try (X12Reader reader = new X12Reader(bytes(input), source)) {
                new LayoutParser(layout, reader, source, null).parse(contentHandler);
            }
            return;
        }
        Path tmpDir = null;
        Path file = fileOf(input);
        if (file == null) {
            tmpDir = Files.createTempDirectory("toothcomb-smooks-");
            file = tmpDir.resolve("input.edi");
            try (InputStream in = bytes(input)) {
                Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
            }
        }
        try {
            scrubAndParse(layout, scrub, file, source);
        } finally {
            if (tmpDir != null) {
                Files.deleteIfExists(file);
                Files.deleteIfExists(tmpDir);
            }
        }
    }

    private void scrubAndParse(X12Layout layout, ScrubSettings settings, Path file, String source)
            throws IOException, SAXException {
        RuleEngine engine = engine(settings.packs());
        ScrubOptions options = ScrubOptions.defaults().withOutputs(EnumSet.of(Output.ACK_999, Output.ACK_277));
        BlockingQueue<Object> results = new ArrayBlockingQueue<>(256);
        Bridge bridge = new Bridge(results);
        List<AtomicOutput> files = new ArrayList<>();
        List<ScrubListener> listeners = new ArrayList<>();
        listeners.add(bridge);
        List<ScrubListener> writers = new ArrayList<>();
        if (settings.acks() != null) {
            Files.createDirectories(settings.acks());
            String name = settings.name() != null ? settings.name() : source;
            for (Output o : List.of(Output.ACK_999, Output.ACK_277)) {
                AtomicOutput f = new AtomicOutput(settings.acks().resolve(o.fileName(name)));
                files.add(f);
                ScrubListener w = WriterFactory.create(o, f, options);
                writers.add(w);
                listeners.add(w);
            }
        }
        Throwable[] failure = new Throwable[1];
        Path input = file;
        Thread scrub = new Thread(() -> {
            try {
                new Scrubber(engine, options).scrub(input, listeners);
            } catch (Throwable t) {
                failure[0] = t;
            } finally {
                bridge.finish();
            }
        }, "toothcomb-smooks-scrub");
        scrub.setDaemon(true);
        scrub.start();
        boolean done = false;
        executionContext.put(SCRUBBING, Boolean.TRUE);
        try (X12Reader reader = new X12Reader(Files.newInputStream(file), source)) {
            new LayoutParser(layout, reader, source, new Hook(results, settings.annotate())).parse(contentHandler);
            done = true;
        } finally {
            executionContext.remove(SCRUBBING);
            executionContext.remove(PENDING);
            if (!done) {
                bridge.cancel();
            }
            try {
                scrub.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            if (!done || failure[0] != null) {
                files.forEach(AtomicOutput::abort);
            }
        }
        if (failure[0] != null) {
            throw new SAXException(source + ": the scrub failed: " + failure[0].getMessage(),
                    failure[0] instanceof Exception e ? e : new RuntimeException(failure[0]));
        }
        WriterFactory.commit(files, writers);
    }

    /** Hands claim results from the scrub's thread to the parse, in file order, a bounded number at a time. */
    private static final class Bridge implements ScrubListener {
        private final BlockingQueue<Object> queue;
        private volatile boolean cancelled;

        Bridge(BlockingQueue<Object> queue) {
            this.queue = queue;
        }

        @Override
        public boolean wantsCleanSegments() {
            return false;
        }

        @Override
        public void claim(ClaimResult result) throws IOException {
            put(verdict(result));
        }

        void finish() {
            try {
                put(END);
            } catch (IOException e) {
                // cancelled: nobody is reading any more
            }
        }

        void cancel() {
            cancelled = true;
            queue.clear();
        }

        private void put(Object o) throws IOException {
            try {
                while (!queue.offer(o, 50, TimeUnit.MILLISECONDS)) {
                    if (cancelled) {
                        throw new IOException("the Smooks parse stopped");
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted", e);
            }
        }
    }

    /** Matches each CLM the parse meets with the scrub's result for the claim at that segment. */
    private final class Hook implements LayoutParser.ClaimHook {
        private final BlockingQueue<Object> results;
        private final boolean annotate;
        private ClaimVerdict next;
        private boolean ended;

        Hook(BlockingQueue<Object> results, boolean annotate) {
            this.results = results;
            this.annotate = annotate;
        }

        @Override
        public void claimStart(Segment clm, AttributesImpl attributes) throws SAXException {
            ClaimVerdict v = take(clm.ordinal());
            if (v == null) {
                executionContext.remove(PENDING);
                return;
            }
            executionContext.put(PENDING, v);
            if (annotate) {
                attributes.addAttribute(NS, "claim", "toothcomb:claim", "CDATA", v.claimId());
                attributes.addAttribute(NS, "status", "toothcomb:status", "CDATA", v.status());
                attributes.addAttribute(NS, "pack", "toothcomb:pack", "CDATA", v.pack());
            }
        }

        @Override
        public void claimOpened(Segment clm, LayoutParser.Sink out) throws SAXException {
            ClaimVerdict v = executionContext.get(PENDING);
            if (!annotate || v == null) {
                return;
            }
            for (ClaimVerdict.Issue f : v.findings()) {
                AttributesImpl a = new AttributesImpl();
                a.addAttribute("", "rule", "rule", "CDATA", f.rule());
                a.addAttribute("", "severity", "severity", "CDATA", f.severity());
                a.addAttribute("", "status", "status", "CDATA", f.status());
                if (f.line() != null) {
                    a.addAttribute("", "line", "line", "CDATA", String.valueOf(f.line()));
                }
                a.addAttribute("", "segment", "segment", "CDATA", String.valueOf(f.segment()));
                if (f.element() != null) {
                    a.addAttribute("", "element", "element", "CDATA", f.element());
                }
                contentHandler.startElement(NS, "finding", "toothcomb:finding", a);
                char[] text = f.message().toCharArray();
                contentHandler.characters(text, 0, text.length);
                contentHandler.endElement(NS, "finding", "toothcomb:finding");
            }
        }

        /** The verdict for the CLM at {@code ordinal}, or null when the scrub took no claim there. */
        private ClaimVerdict take(int ordinal) throws SAXException {
            while (true) {
                if (next == null && !ended) {
                    try {
                        Object o = results.take();
                        if (o == END) {
                            ended = true;
                        } else {
                            next = (ClaimVerdict) o;
                        }
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new SAXException("interrupted while waiting for the scrub", e);
                    }
                }
                if (next == null) {
                    return null;
                }
                if (next.segment() == ordinal) {
                    ClaimVerdict v = next;
                    next = null;
                    return v;
                }
                if (next.segment() > ordinal) {
                    return null;
                }
                next = null; // a claim the parse has passed without a CLM at that place: dropped
            }
        }
    }

    static ClaimVerdict verdict(ClaimResult r) {
        List<Segment> segs = r.unit().segments();
        int clm = r.claim().segment();
        List<ClaimVerdict.Issue> issues = new ArrayList<>();
        for (Finding f : r.findings()) {
            String element = null;
            if (f.element() > 0) {
                String id = null;
                for (Segment s : segs) {
                    if (s.ordinal() == f.segment()) {
                        id = s.id();
                        break;
                    }
                }
                if (id != null) {
                    element = id + two(f.element()) + (f.component() > 0 ? "-" + two(f.component()) : "");
                }
            }
            issues.add(new ClaimVerdict.Issue(f.rule(), f.severity().label(), f.category() + ":" + f.statusCode(),
                    f.line(), f.segment(), element, f.message()));
        }
        return new ClaimVerdict(r.claim().id(), clm, r.rejected(), r.pack(), issues);
    }

    private static String two(int n) {
        return n < 10 ? "0" + n : String.valueOf(n);
    }

    private static RuleEngine engine(Path packs) throws IOException {
        Path key = packs == null ? Path.of("") : packs.toAbsolutePath();
        RuleEngine e = ENGINES.get(key);
        if (e == null) {
            e = RuleEngine.load(packs);
            ENGINES.putIfAbsent(key, e);
        }
        return e;
    }

    private static InputStream bytes(InputSource input) throws IOException {
        if (input.getByteStream() != null) {
            return input.getByteStream();
        }
        if (input.getCharacterStream() != null) {
            // X12 is single-byte; a character source is taken as ISO-8859-1, as the DFDL mapping reads bytes
            StringBuilder sb = new StringBuilder();
            char[] buf = new char[8192];
            int n;
            while ((n = input.getCharacterStream().read(buf)) > 0) {
                sb.append(buf, 0, n);
            }
            return new ByteArrayInputStream(sb.toString().getBytes(StandardCharsets.ISO_8859_1));
        }
        Path f = fileOf(input);
        if (f != null) {
            return Files.newInputStream(f);
        }
        throw new IOException("the Smooks source gives the toothcomb reader no bytes to read");
    }

    private static Path fileOf(InputSource input) {
        String id = input.getSystemId();
        if (id == null || !id.startsWith("file:") || input.getByteStream() != null || input.getCharacterStream() != null) {
            return null;
        }
        try {
            Path p = Path.of(URI.create(id));
            return Files.isRegularFile(p) ? p : null;
        } catch (RuntimeException e) {
            return null;
        }
    }

    private String sourceName(InputSource input) {
        String id = input.getSystemId();
        if (id == null && executionContext != null && executionContext.getDocumentSource() != null
                && !ExecutionContext.DOCUMENT_URI.equals(executionContext.getDocumentSource())) {
            id = executionContext.getDocumentSource().toString();
        }
        if (id == null) {
            return "smooks-input";
        }
        String name = id.substring(id.lastIndexOf('/') + 1);
        return name.isEmpty() ? "smooks-input" : name;
    }

    @Override
    public void parse(String systemId) throws IOException, SAXException {
        parse(new InputSource(systemId));
    }

    @Override
    public boolean getFeature(String name) {
        return false;
    }

    @Override
    public void setFeature(String name, boolean value) {
    }

    @Override
    public Object getProperty(String name) {
        return null;
    }

    @Override
    public void setProperty(String name, Object value) {
    }

    @Override
    public void setEntityResolver(EntityResolver resolver) {
        this.entityResolver = resolver;
    }

    @Override
    public EntityResolver getEntityResolver() {
        return entityResolver;
    }

    @Override
    public void setDTDHandler(DTDHandler handler) {
        this.dtdHandler = handler;
    }

    @Override
    public DTDHandler getDTDHandler() {
        return dtdHandler;
    }

    @Override
    public void setContentHandler(ContentHandler handler) {
        this.contentHandler = handler;
    }

    @Override
    public ContentHandler getContentHandler() {
        return contentHandler;
    }

    @Override
    public void setErrorHandler(ErrorHandler handler) {
        this.errorHandler = handler;
    }

    @Override
    public ErrorHandler getErrorHandler() {
        return errorHandler;
    }
}
