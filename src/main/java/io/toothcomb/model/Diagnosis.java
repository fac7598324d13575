package io.toothcomb.model;

/** One HI code: {@code qualifier} ABK (principal ICD-10) or ABF (other), {@code code} e.g. K0252. */
public record Diagnosis(String qualifier, String code, int segment) {
}
