package io.toothcomb.model;

import java.util.List;

/**
 * One TOO segment: a tooth and the surfaces treated on it, as sent (letters are kept even when invalid so
 * rules can point at them).
 *
 * @param system TOO01 (JP = Universal/National tooth designation)
 * @param designation TOO02
 * @param surfaces TOO03 components, in order
 * @param segment ordinal of the TOO segment
 */
public record Tooth(String system, String designation, List<String> surfaces, int segment) {
    public Tooth {
        surfaces = ModelList.copyOf(surfaces);
    }

    public ToothDesignation parsed() {
        return ToothDesignation.parse(designation);
    }
}
