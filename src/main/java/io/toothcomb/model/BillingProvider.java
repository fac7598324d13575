package io.toothcomb.model;

/** 2000A/2010AA billing provider. {@code npi} is NM109 when NM108 = XX. */
public record BillingProvider(String hlId, Party name, String npi, String taxId, String taxonomy, int segment) {
}
