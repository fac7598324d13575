package io.toothcomb.smooks;

import java.nio.file.Path;

/** What {@code <toothcomb:scrub/>} asks of the reader's scrub; registered in the Smooks registry. */
record ScrubSettings(Path packs, boolean annotate, Path acks, String name) {
}
