package io.toothcomb.model;

/** A 2300 NTE: {@code type} NTE01 (ADD for dental), {@code text} NTE02. */
public record Narrative(String type, String text, int segment) {
}
