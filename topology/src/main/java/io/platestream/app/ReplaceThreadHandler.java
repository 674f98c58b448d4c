package io.platestream.app;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;

import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Uncaught-exception policy of the application: a stream thread that dies of an unexpected error is replaced by a
 * fresh one (its tasks resume from the last committed offsets and state, so with exactly-once nothing is lost or
 * duplicated). If threads keep dying (more than {@code maxReplacements} within {@code window}), the error is not
 * transient and the client shuts down instead of looping; the process then exits non-zero so that the supervisor
 * (systemd, Kubernetes) can restart it and alert.
 */
public final class ReplaceThreadHandler implements StreamsUncaughtExceptionHandler {

    private static final Logger LOG = LoggerFactory.getLogger(ReplaceThreadHandler.class);

    private final int maxReplacements;
    private final Duration window;
    private final Clock clock;
    private final Deque<Instant> recent = new ArrayDeque<>();

    /** At most 5 replacements in 10 minutes. */
    public ReplaceThreadHandler() {
        this(5, Duration.ofMinutes(10), Clock.systemUTC());
    }

    public ReplaceThreadHandler(int maxReplacements, Duration window, Clock clock) {
        if (maxReplacements < 0) {
            throw new IllegalArgumentException("maxReplacements must be >= 0");
        }
        this.maxReplacements = maxReplacements;
        this.window = window;
        this.clock = clock;
    }

    @Override
    public synchronized StreamThreadExceptionResponse handle(Throwable exception) {
        Instant now = clock.instant();
        while (!recent.isEmpty() && recent.peekFirst().isBefore(now.minus(window))) {
            recent.removeFirst();
        }
        if (recent.size() >= maxReplacements) {
            LOG.error("A stream thread died again ({} replacements within {}): shutting the application down",
                    recent.size(), window, exception);
            return StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
        }
        recent.addLast(now);
        LOG.error("A stream thread died; replacing it ({} of at most {} within {})", recent.size(), maxReplacements,
                window, exception);
        return StreamThreadExceptionResponse.REPLACE_THREAD;
    }
}
