package io.toothcomb.model;

/** An ISA/IEA envelope. */
public record Interchange(String senderQualifier, String senderId, String receiverQualifier, String receiverId,
                          String date, String time, String controlNumber, String version, String usage,
                          int segment) {
}
