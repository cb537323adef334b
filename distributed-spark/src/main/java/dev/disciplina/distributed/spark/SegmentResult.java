package dev.disciplina.distributed.spark;

import java.io.Serializable;
import java.util.LinkedHashMap;

/**
 * What rank 0 returns from a segment: the history so far, the model's weights at its end, and
 * the checkpoint (file name to bytes) the next segment resumes from. Immutable once built.
 */
record SegmentResult(HistoryWire history, LinkedHashMap<String, float[]> weights,
    LinkedHashMap<String, byte[]> checkpoint) implements Serializable {

  private static final long serialVersionUID = 1L;
}
