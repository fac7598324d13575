package io.toothcomb.model;

/** A GS/GE functional group. */
public record FunctionalGroup(String functionalId, String senderCode, String receiverCode, String date,
                              String time, String controlNumber, String version, int segment) {
}
