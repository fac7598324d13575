package io.toothcomb.model;

import java.time.LocalDate;

/** 2000C/2010CA patient when the patient is not the subscriber. PHI: never log. */
public record Patient(String hlId, String relationship, Party name, LocalDate birthDate, String gender, int segment) {
}
