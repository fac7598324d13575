package io.toothcomb.loader;

import io.toothcomb.model.Interchange;

/**
 * What a TA1 says of one interchange: nothing when {@code code} is empty (the ISA and IEA are sound), else the
 * interchange is rejected (TA104 R) with note code {@code code} (TA105, list I18) and none of its groups is taken,
 * whatever their own 999 verdict.
 *
 * @param code TA105: 001 ISA13/IEA02 differ, 005-008 sender or receiver qualifier or id invalid, 014/015 date or
 *             time invalid, 017 version, 018 control number, 019 acknowledgment requested, 020 usage indicator,
 *             021 IEA01 group count wrong, 022 control structure invalid (an ISA or IEA out of place), 023 premature
 *             end of file (no IEA, a truncated segment), 024 content invalid (GS, ST, SE, GE or another segment
 *             outside its envelope)
 * @param message the first problem, in words
 */
public record InterchangeAck(Interchange interchange, String code, String message) {

    public boolean rejected() {
        return !code.isEmpty();
    }
}
