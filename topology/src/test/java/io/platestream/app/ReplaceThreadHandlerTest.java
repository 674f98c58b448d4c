package io.platestream.app;

import static org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse.REPLACE_THREAD;
import static org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Test;

class ReplaceThreadHandlerTest {

    /** A clock the test moves by hand. */
    private static final class ManualClock extends Clock {
        private Instant now = Instant.parse("2026-01-01T00:00:00Z");

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    @Test
    void replacesDyingThreadsUntilTheyDieTooOftenThenShutsDown() {
        ManualClock clock = new ManualClock();
        ReplaceThreadHandler handler = new ReplaceThreadHandler(2, Duration.ofMinutes(1), clock);
        RuntimeException boom = new IllegalStateException("boom");

        assertThat(handler.handle(boom)).isEqualTo(REPLACE_THREAD);
        clock.now = clock.now.plusSeconds(10);
        assertThat(handler.handle(boom)).isEqualTo(REPLACE_THREAD);
        clock.now = clock.now.plusSeconds(10);
        assertThat(handler.handle(boom)).isEqualTo(SHUTDOWN_CLIENT);
    }

    @Test
    void forgetsDeathsOlderThanTheWindow() {
        ManualClock clock = new ManualClock();
        ReplaceThreadHandler handler = new ReplaceThreadHandler(1, Duration.ofMinutes(1), clock);

        assertThat(handler.handle(new RuntimeException())).isEqualTo(REPLACE_THREAD);
        clock.now = clock.now.plus(Duration.ofMinutes(2));
        assertThat(handler.handle(new RuntimeException())).isEqualTo(REPLACE_THREAD);
        assertThat(handler.handle(new RuntimeException())).isEqualTo(SHUTDOWN_CLIENT);
    }
}
