package io.toothcomb.model;

import java.time.LocalDate;

/** A DTP date: {@code qualifier} DTP01 (472 service, 439 accident …); {@code to} equals {@code from} for D8. */
public record ClaimDate(String qualifier, LocalDate from, LocalDate to, int segment) {
}
