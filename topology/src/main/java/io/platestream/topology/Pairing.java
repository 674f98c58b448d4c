package io.platestream.topology;

import io.platestream.schemas.EntryExpired;
import io.platestream.schemas.PlateEvent;
import io.platestream.schemas.UnmatchedExit;
import io.platestream.schemas.Visit;

/** Values passed between the pairing processors of one sub-topology (never serialized). */
final class Pairing {

    private Pairing() {
    }

    /** An exit event and the open entry the table held for its key at join time (null when none). */
    record Joined(PlateEvent exit, PlateEvent entry) {
    }

    /** What the pairing decided; each kind goes to its own topic. */
    sealed interface Outcome {
    }

    /** A billable visit. */
    record VisitMade(Visit visit) implements Outcome {
    }

    /** An exit that found no usable entry. */
    record ExitUnmatched(UnmatchedExit unmatched) implements Outcome {
    }

    /** An entry that saw no exit within the maximum stay. */
    record EntryTimedOut(EntryExpired expired) implements Outcome {
    }

    /** Closes the entry under the record's key: a tombstone for the entries topic. */
    record CloseEntry() implements Outcome {
    }
}
