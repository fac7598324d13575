/**
 * The CDT code set rules read: for each procedure code and span of dates, what it requires (tooth, surfaces, oral
 * cavity area, quantity, dentition) and its flags ({@link io.toothcomb.codes.CodeSet},
 * {@link io.toothcomb.codes.CodeInfo}). The bundled table may be overlaid with code files of your own.
 */
package io.toothcomb.codes;
