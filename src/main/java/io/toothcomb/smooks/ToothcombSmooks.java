package io.toothcomb.smooks;

import org.smooks.Smooks;
import org.smooks.api.ExecutionContext;
import org.smooks.api.SmooksException;
import org.smooks.api.resource.visitor.sax.ng.AfterVisitor;
import org.smooks.engine.resource.visitor.dom.DOMModel;
import org.smooks.engine.resource.visitor.dom.DomModelCreator;
import org.w3c.dom.Element;

import java.io.IOException;
import java.nio.file.Path;
import java.util.function.Consumer;

/**
 * Entry point for Smooks pipeline users.
 *
 * <pre>{@code
 * Smooks smooks = ToothcombSmooks.newSmooks(MappingKind.CLAIM_837D);   // precompiled 837D mapping
 * ToothcombSmooks.onClaim(smooks, claim -> ...);                        // one SmooksClaim per Loop2300, streamed
 * smooks.filterSource(new StreamSource<>(in));                          // one interchange per filterSource call
 * }</pre>
 *
 * or, for a whole file with any number of interchanges, {@link #claims(Path, Consumer)}.
 *
 * <p>The {@code Loop2300} fragments are complete DOM elements in the layout of mappings/README.md, so any other
 * Smooks visitor (Freemarker, Java binding, XSLT on the fragment) can be targeted at the same selector.
 */
public final class ToothcombSmooks {
    private ToothcombSmooks() {
    }

    /** A Smooks instance reading {@code kind}, with the DFDL schema compiled once per JVM. */
    public static Smooks newSmooks(MappingKind kind) throws SmooksX12Exception {
        return SmooksX12.newSmooks(kind);
    }

    /**
     * Registers a streaming visitor on {@code smooks} (built for {@link MappingKind#CLAIM_837D}) that hands every
     * claim to {@code listener} as soon as its Loop2300 ends. Memory stays bounded by one claim.
     */
    public static void onClaim(Smooks smooks, Consumer<SmooksClaim> listener) {
        try {
            smooks.addVisitor(new DomModelCreator(), "Loop2300");
        } catch (javax.xml.parsers.ParserConfigurationException e) {
            throw new SmooksException("cannot create DOM fragments: " + e.getMessage(), e);
        }
        smooks.addVisitor(new ClaimVisitor(listener), "Loop2300");
    }

    /** Streams every claim of an 837D file (all interchanges) to {@code listener}, in file order. */
    public static void claims(Path file, Consumer<SmooksClaim> listener) throws IOException, SmooksX12Exception {
        SmooksX12.stream(file, MappingKind.CLAIM_837D, "Loop2300", (fragment, span) -> listener.accept(
                SmooksClaim.of(fragment)));
    }

    /** Turns each completed Loop2300 fragment (built by a {@link DomModelCreator} on Loop2300) into a claim. */
    public static final class ClaimVisitor implements AfterVisitor {
        private final Consumer<SmooksClaim> listener;

        public ClaimVisitor(Consumer<SmooksClaim> listener) {
            this.listener = listener;
        }

        @Override
        public void visitAfter(Element element, ExecutionContext executionContext) {
            Element fragment = DOMModel.getModel(executionContext).getModels().get("Loop2300");
            listener.accept(SmooksClaim.of(fragment != null ? fragment : element));
        }
    }
}
