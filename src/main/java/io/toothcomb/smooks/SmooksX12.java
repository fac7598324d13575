package io.toothcomb.smooks;

import org.apache.daffodil.japi.DataProcessor;
import org.smooks.Smooks;
import org.smooks.api.ExecutionContext;
import org.smooks.api.TypedKey;
import org.smooks.api.resource.visitor.sax.ng.AfterVisitor;
import org.smooks.cartridges.dfdl.DataProcessorFactory;
import org.smooks.engine.resource.visitor.dom.DOMModel;
import org.smooks.engine.resource.visitor.dom.DomModelCreator;
import org.smooks.io.sink.DOMSink;
import org.smooks.io.source.StreamSource;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

import java.io.ByteArrayInputStream;
import java.io.File;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiConsumer;

/**
 * Reads X12 files through the Smooks DFDL mappings in {@code mappings/}.
 *
 * <p>Not the hot path (the byte reader in {@code io.toothcomb.reader} is about 100 times faster): this is the
 * reference parser for cross-checks, the way our 277CA/999 output is checked for well-formedness, and the base
 * for Smooks pipeline users ({@link ToothcombSmooks}).
 *
 * <p>Each ISA…IEA interchange is parsed on its own (a DFDL parse sets the delimiter variables once), so a file with
 * several interchanges yields several documents. The DFDL schema reads the delimiters from each ISA itself; this
 * class only finds where interchanges start and end ({@link Interchanges}).
 *
 * <p>Schemas are compiled once per JVM ({@link CompiledMappings}); Smooks instances are created once per mapping
 * and reused. All methods are thread-safe.
 */
public final class SmooksX12 {
    private static final Map<MappingKind, Smooks> DOM_SMOOKS = new ConcurrentHashMap<>();
    private static final Map<String, Smooks> STREAM_SMOOKS = new ConcurrentHashMap<>();
    private static final TypedKey<BiConsumer<Element, InterchangeSpan>> FRAGMENT_CONSUMER = TypedKey.of();
    private static final TypedKey<InterchangeSpan> SPAN = TypedKey.of();

    private SmooksX12() {
    }

    /**
     * Parses every interchange of {@code file} into a DOM whose root element is {@code Interchange} (layout in
     * mappings/README.md). Memory grows with the file: for large files use {@link #stream}.
     */
    public static List<Document> parse(Path file, MappingKind kind) throws IOException, SmooksX12Exception {
        Smooks smooks = domSmooks(kind);
        List<Document> docs = new ArrayList<>();
        for (InterchangeSpan span : Interchanges.split(file)) {
            DOMSink sink = new DOMSink();
            run(smooks, file, span, sink, null);
            Node node = sink.getNode();
            Document doc = node instanceof Document d ? d : node.getOwnerDocument();
            if (doc == null || doc.getDocumentElement() == null
                    || !"Interchange".equals(doc.getDocumentElement().getLocalName() != null
                    ? doc.getDocumentElement().getLocalName() : doc.getDocumentElement().getTagName())) {
                throw new SmooksX12Exception(file.getFileName() + ": interchange " + (span.index() + 1)
                        + " produced no Interchange element");
            }
            docs.add(doc);
        }
        return docs;
    }

    /** Parses a file that must hold exactly one interchange (e.g. a 277CA or 999 toothcomb wrote). */
    public static Document parseSingle(Path file, MappingKind kind) throws IOException, SmooksX12Exception {
        List<Document> docs = parse(file, kind);
        if (docs.size() != 1) {
            throw new SmooksX12Exception(file.getFileName() + ": expected one interchange, found " + docs.size());
        }
        return docs.get(0);
    }

    /**
     * Streams {@code file}: every element matching {@code selector} (a Smooks selector such as {@code Loop2300})
     * is handed to {@code consumer} as a small DOM fragment once it is complete, together with the interchange
     * it belongs to. Memory stays bounded by the largest fragment, not the file.
     */
    public static void stream(Path file, MappingKind kind, String selector, BiConsumer<Element, InterchangeSpan> consumer)
            throws IOException, SmooksX12Exception {
        Smooks smooks = streamSmooks(kind, selector);
        for (InterchangeSpan span : Interchanges.split(file)) {
            run(smooks, file, span, null, consumer);
        }
    }

    /**
     * A new Smooks instance reading {@code kind} with the precompiled mapping, for callers that add their own
     * visitors. Creating one costs about a second (Smooks start-up), compiling is shared.
     */
    public static Smooks newSmooks(MappingKind kind) throws SmooksX12Exception {
        CompiledMappings.Compiled compiled = CompiledMappings.get(kind);
        Smooks smooks = new Smooks();
        try {
            // Hand the cartridge our compiled parser: DataProcessorFactory looks it up in this registry map under
            // "<schema uri>:<validationMode>:<cacheOnDisk>:<debugging>" before compiling. Should a later cartridge
            // use another key, it just compiles the schema again (slower, same result).
            Map<String, DataProcessor> processors = new ConcurrentHashMap<>();
            processors.put(new File(compiled.schema().toString()).toURI() + ":Off:false:false", compiled.processor());
            smooks.getApplicationContext().getRegistry().registerObject(DataProcessorFactory.class, processors);
            smooks.addResourceConfigs(new ByteArrayInputStream(config(compiled.schema(), false)
                    .getBytes(StandardCharsets.UTF_8)));
            return smooks;
        } catch (IOException | org.xml.sax.SAXException | RuntimeException e) {
            smooks.close();
            throw new SmooksX12Exception("cannot set up Smooks for " + kind.schemaPath() + ": " + rootMessage(e), e);
        }
    }

    /**
     * A Smooks config for {@code kind} whose schemaUri is the absolute path of the cached schema copy; for users
     * who want to merge it into their own config.
     */
    public static String config(MappingKind kind) throws SmooksX12Exception {
        return config(CompiledMappings.get(kind).schema(), true);
    }

    private static String config(Path schema, boolean cacheOnDisk) {
        String uri = schema.toAbsolutePath().toString().replace("&", "&amp;").replace("\"", "&quot;")
                .replace("<", "&lt;");
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                + "<smooks-resource-list xmlns=\"https://www.smooks.org/xsd/smooks-2.0.xsd\"\n"
                + "                      xmlns:dfdl=\"https://www.smooks.org/xsd/smooks/dfdl-1.0.xsd\">\n"
                + "    <dfdl:parser schemaUri=\"" + uri + "\" validationMode=\"Off\" cacheOnDisk=\"" + cacheOnDisk
                + "\"/>\n"
                + "</smooks-resource-list>\n";
    }

    private static Smooks domSmooks(MappingKind kind) throws SmooksX12Exception {
        Smooks s = DOM_SMOOKS.get(kind);
        if (s == null) {
            synchronized (DOM_SMOOKS) {
                s = DOM_SMOOKS.get(kind);
                if (s == null) {
                    s = newSmooks(kind);
                    DOM_SMOOKS.put(kind, s);
                }
            }
        }
        return s;
    }

    private static Smooks streamSmooks(MappingKind kind, String selector) throws SmooksX12Exception {
        String key = kind + "|" + selector;
        Smooks s = STREAM_SMOOKS.get(key);
        if (s == null) {
            synchronized (STREAM_SMOOKS) {
                s = STREAM_SMOOKS.get(key);
                if (s == null) {
                    s = newSmooks(kind);
                    try {
                        s.addVisitor(new DomModelCreator(), selector);
                    } catch (javax.xml.parsers.ParserConfigurationException e) {
                        throw new SmooksX12Exception("cannot set up Smooks DOM fragments: " + e.getMessage(), e);
                    }
                    String modelName = selector.contains("/") ? selector.substring(selector.lastIndexOf('/') + 1)
                            : selector;
                    s.addVisitor((AfterVisitor) (Element element, ExecutionContext ec) -> {
                        Element fragment = DOMModel.getModel(ec).getModels().get(modelName);
                        BiConsumer<Element, InterchangeSpan> c = ec.get(FRAGMENT_CONSUMER);
                        if (fragment != null && c != null) {
                            c.accept(fragment, ec.get(SPAN));
                        }
                    }, selector);
                    STREAM_SMOOKS.put(key, s);
                }
            }
        }
        return s;
    }

    private static void run(Smooks smooks, Path file, InterchangeSpan span, DOMSink sink,
                            BiConsumer<Element, InterchangeSpan> consumer) throws IOException, SmooksX12Exception {
        try (InputStream raw = Files.newInputStream(file)) {
            raw.skipNBytes(span.offset());
            InputStream in = new java.io.BufferedInputStream(new Limited(raw, span.length()), 1 << 16);
            ExecutionContext ec = smooks.createExecutionContext();
            ec.put(SPAN, span);
            if (consumer != null) {
                ec.put(FRAGMENT_CONSUMER, consumer);
            }
            if (sink != null) {
                smooks.filterSource(ec, new StreamSource<>(in), sink);
            } else {
                smooks.filterSource(ec, new StreamSource<>(in));
            }
        } catch (org.smooks.api.SmooksException e) {
            throw new SmooksX12Exception(describe(file, span, e), e);
        }
    }

    /** "file: interchange 1 (byte 0): Parse Error: initiator 'IEA' not found (data location …)". */
    static String describe(Path file, InterchangeSpan span, Throwable e) {
        String msg = rootMessage(e);
        StringBuilder sb = new StringBuilder();
        String location = null;
        for (String line : msg.split("\\R")) {
            String t = line.trim();
            if (t.startsWith("Data location")) {
                location = t;
            } else if (sb.length() == 0 && !t.isEmpty() && !t.startsWith("Schema context")) {
                sb.append(t);
            }
        }
        String where = file.getFileName() + ": interchange " + (span.index() + 1) + " (starting at byte "
                + span.offset() + ")";
        if (!span.complete()) {
            where += ", which has no IEA (file truncated?)";
        }
        return where + ": " + (sb.length() == 0 ? "cannot be read by the Smooks mapping" : sb)
                + (location == null ? "" : " [" + location.replace("Data location was preceding", "near")
                + " of the interchange]");
    }

    static String rootMessage(Throwable e) {
        Throwable c = e;
        String msg = e.getMessage();
        while (c.getCause() != null && c.getCause() != c) {
            c = c.getCause();
            if (c.getMessage() != null) {
                msg = c.getMessage();
            }
        }
        return msg == null ? e.getClass().getSimpleName() : msg;
    }

    /** An input stream that ends after {@code limit} bytes. */
    private static final class Limited extends FilterInputStream {
        private long left;

        Limited(InputStream in, long limit) {
            super(in);
            this.left = limit;
        }

        @Override
        public int read() throws IOException {
            if (left <= 0) {
                return -1;
            }
            int b = super.read();
            if (b >= 0) {
                left--;
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (left <= 0) {
                return -1;
            }
            int n = super.read(b, off, (int) Math.min(len, left));
            if (n > 0) {
                left -= n;
            }
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            long s = super.skip(Math.min(n, left));
            left -= s;
            return s;
        }

        @Override
        public int available() throws IOException {
            return (int) Math.min(super.available(), left);
        }
    }
}
