package io.toothcomb.rules.checks;

import io.toothcomb.codes.CodeInfo;
import io.toothcomb.model.Claim;
import io.toothcomb.model.ServiceLine;
import io.toothcomb.model.Tooth;
import io.toothcomb.model.ToothDesignation;
import io.toothcomb.rules.RuleContext;
import java.util.List;
import java.util.Locale;

/** Shared by CODE-TOOTH-CLASS and CODE-TOOTH-CLASS-SUPERNUMERARY: the code set's class column against a tooth. */
final class ToothClassCheck {
    private ToothClassCheck() {
    }

    static boolean fits(CodeInfo.ToothClassReq req, ToothDesignation d) {
        return switch (req) {
            case ANY -> true;
            case ANTERIOR -> d.anterior();
            case POSTERIOR -> d.posterior();
            case PREMOLAR -> d.toothClass() == ToothDesignation.ToothClass.PREMOLAR;
            case MOLAR -> d.toothClass() == ToothDesignation.ToothClass.MOLAR;
        };
    }

    static String want(CodeInfo.ToothClassReq req) {
        return switch (req) {
            case ANTERIOR -> "a front tooth (incisor or canine: 6-11, 22-27, C-H, M-R)";
            case POSTERIOR -> "a back tooth (premolar or molar: 1-5, 12-21, 28-32, A, B, I-L, S, T)";
            case PREMOLAR -> "a premolar (4, 5, 12, 13, 20, 21, 28, 29)";
            case MOLAR -> "a molar (1-3, 14-19, 30-32)";
            case ANY -> "any tooth";
        };
    }

    /** A code for one class of tooth: the lines both rules look at, and so the codes that trigger them. */
    static boolean applies(CodeInfo info) {
        return info.toothClass() != CodeInfo.ToothClassReq.ANY;
    }

    /** The codes that trigger both rules. */
    static List<String> triggers(RuleContext ctx) {
        return Lines.codesWhere(ctx, ToothClassCheck::applies);
    }

    /** Reports lines whose tooth does not fit the code's class; supernumerary teeth only when asked for. */
    static void check(Claim claim, RuleContext ctx, boolean supernumerary) {
        for (ServiceLine line : claim.lines()) {
            CodeInfo info = Lines.info(ctx, line);
            if (info == null || !applies(info)) {
                continue;
            }
            for (Tooth t : line.teeth()) {
                ToothDesignation d = t.parsed();
                if (!d.valid() || d.supernumerary() != supernumerary || fits(info.toothClass(), d)) {
                    continue;
                }
                String hint = hint(info, d);
                ctx.report(line, t.segment(), 2, 0, line.code() + " (" + info.label() + ") on line " + line.number()
                        + " is for " + want(info.toothClass()) + ", but " + Lines.tooth(d) + " is "
                        + article(Lines.className(d)) + (supernumerary ? " by its neighbour" : "")
                        + ": check the tooth number" + hint);
            }
        }
    }

    private static String article(String cls) {
        return (cls.startsWith("i") ? "an " : "a ") + cls.toLowerCase(Locale.ROOT);
    }

    private static String hint(CodeInfo info, ToothDesignation d) {
        if (info.has("root_canal") && d.permanent()) {
            return switch (d.toothClass()) {
                case INCISOR, CANINE -> ", or use D3310 (anterior)";
                case PREMOLAR -> ", or use D3320 (premolar)";
                case MOLAR -> ", or use D3330 (molar)";
            };
        }
        if (info.has("resin")) {
            return d.anterior() ? ", or use the anterior resin codes D2330-D2335"
                    : ", or use the posterior resin codes D2391-D2394";
        }
        return ", or the code";
    }
}
