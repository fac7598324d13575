/**
 * The claim model rules read: immutable records built from an 837D ({@link io.toothcomb.model.Claim} with its
 * {@link io.toothcomb.model.ServiceLine service lines}, {@link io.toothcomb.model.Tooth teeth}, parties, dates,
 * diagnoses, attachments and other payers). Each record keeps the ordinals of the segments it came from, so that a
 * finding can point at a segment and element. Fields hold PHI (names, member ids, birth dates): never put them in a
 * finding's message or a log.
 */
package io.toothcomb.model;
