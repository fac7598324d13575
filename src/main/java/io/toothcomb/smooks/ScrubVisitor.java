package io.toothcomb.smooks;

import org.smooks.api.ExecutionContext;
import org.smooks.api.SmooksException;
import org.smooks.api.TypedKey;
import org.smooks.api.resource.visitor.sax.ng.BeforeVisitor;
import org.w3c.dom.Element;

import jakarta.annotation.PostConstruct;
import javax.inject.Inject;
import javax.inject.Named;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code <toothcomb:scrub/>}: targeted at {@code Loop2300}, it puts each claim's {@link ClaimVerdict} into the
 * execution context as the loop opens, so the config's own visitors inside the loop (templates, bindings,
 * routing) can use it. The verdicts come from the scrub the {@link ToothcombReader} runs beside its parse; the
 * visitor tells the reader to run it (and how) by registering its settings when Smooks creates it:
 * <ul>
 *   <li>{@code packs}: a folder of extra rule packs (default: the bundled packs only);</li>
 *   <li>{@code annotate}: also write the verdict into the result XML ({@code Loop2300} attributes
 *       {@code toothcomb:claim}, {@code toothcomb:status}, {@code toothcomb:pack} and one {@code toothcomb:finding}
 *       child per finding, in the toothcomb namespace);</li>
 *   <li>{@code acks}: a folder to write the stream's 999 and 277CA into ({@code NAME.999}, {@code NAME.277}),
 *       {@code NAME} from {@code name} or else from the source's file name.</li>
 * </ul>
 * The DFDL {@code edi:parser}/{@code dfdl:parser} runs no scrub: with it this visitor reports a clear error.
 */
public final class ScrubVisitor implements BeforeVisitor {
    /** The verdict of the claim whose Loop2300 is open (kept until the next Loop2300, so after-visitors see it). */
    public static final TypedKey<ClaimVerdict> VERDICT = TypedKey.of("toothcomb.verdict");
    /** Every verdict of the stream so far, in file order. */
    public static final TypedKey<List<ClaimVerdict>> VERDICTS = TypedKey.of("toothcomb.verdicts");
    /** The bean id of the current verdict in the bean context. */
    public static final String BEAN_ID = "toothcombVerdict";

    @Inject
    @Named("packs")
    private Optional<String> packs = Optional.empty();
    @Inject
    @Named("annotate")
    private Optional<Boolean> annotate = Optional.empty();
    @Inject
    @Named("acks")
    private Optional<String> acks = Optional.empty();
    @Inject
    @Named("name")
    private Optional<String> name = Optional.empty();
    @Inject
    private org.smooks.api.ApplicationContext applicationContext;

    @PostConstruct
    public void register() {
        applicationContext.getRegistry().registerObject(ScrubSettings.class, new ScrubSettings(
                packs.map(Path::of).orElse(null), annotate.orElse(false), acks.map(Path::of).orElse(null),
                name.orElse(null)));
    }

    @Override
    public void visitBefore(Element element, ExecutionContext ec) {
        ClaimVerdict v = ec.get(ToothcombReader.PENDING);
        if (v == null) {
            if (ec.get(ToothcombReader.SCRUBBING) == null) {
                throw new SmooksException("toothcomb:scrub needs <toothcomb:reader/> as the config's reader (the"
                        + " DFDL edi:parser does not scrub)");
            }
            ec.remove(VERDICT); // a CLM the scrub did not take as a claim (outside a readable transaction set)
            return;
        }
        ec.put(VERDICT, v);
        List<ClaimVerdict> all = ec.get(VERDICTS);
        if (all == null) {
            all = new ArrayList<>();
            ec.put(VERDICTS, all);
        }
        all.add(v);
        ec.getBeanContext().addBean(BEAN_ID, v);
    }
}
