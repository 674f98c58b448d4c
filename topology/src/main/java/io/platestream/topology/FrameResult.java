package io.platestream.topology;

import io.platestream.schemas.FrameOutcome;
import io.platestream.schemas.PlateRead;
import io.platestream.schemas.RejectedFrame;
import java.util.List;

/**
 * What became of one input record in {@link FrameRecognizer}: it is rejected, or recognised with zero or more plate
 * reads. Passed between processors of one sub-topology only (never serialized).
 */
sealed interface FrameResult {

    /** The frame could not be recognised; goes to the rejected topic. */
    record Rejected(RejectedFrame frame) implements FrameResult {
    }

    /** The frame was recognised; the outcome goes to the outcomes topic and each read to the reads topic. */
    record Recognised(FrameOutcome outcome, List<PlateRead> reads) implements FrameResult {
        public Recognised {
            reads = List.copyOf(reads);
        }
    }
}
