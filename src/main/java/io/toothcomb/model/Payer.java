package io.toothcomb.model;

/** 2010BB payer (NM1*PR). {@code id} is NM109, the payer id that selects a payer pack. */
public record Payer(String name, String idQualifier, String id, int segment) {
}
