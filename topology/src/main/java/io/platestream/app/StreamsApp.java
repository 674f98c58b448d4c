package io.platestream.app;

import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.CloseOptions;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One running instance of a Kafka Streams application, with PlateStream's lifecycle policy: the
 * {@link ReplaceThreadHandler} for dying stream threads, every state change logged, and ways to wait for it to run or
 * to stop. Used by {@code platestream run}, by the demo and by the integration tests (which stop an instance and start
 * another with the same {@code application.id}).
 */
public final class StreamsApp implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(StreamsApp.class);

    private final KafkaStreams streams;
    private final CountDownLatch running = new CountDownLatch(1);
    private final CountDownLatch stopped = new CountDownLatch(1);
    private volatile boolean reachedRunning;
    private volatile boolean failed;

    private StreamsApp(Topology topology, Properties props, StreamsUncaughtExceptionHandler handler) {
        this.streams = new KafkaStreams(topology, props);
        streams.setUncaughtExceptionHandler(handler);
        streams.setStateListener((newState, oldState) -> {
            if (newState == KafkaStreams.State.ERROR) {
                failed = true;
                LOG.error("Kafka Streams state {} -> {}", oldState, newState);
            } else {
                LOG.info("Kafka Streams state {} -> {}", oldState, newState);
            }
            if (newState == KafkaStreams.State.RUNNING) {
                reachedRunning = true;
                running.countDown();
            }
            if (newState == KafkaStreams.State.NOT_RUNNING || newState == KafkaStreams.State.ERROR
                    || newState == KafkaStreams.State.PENDING_ERROR) {
                running.countDown();
            }
            if (newState == KafkaStreams.State.NOT_RUNNING || newState == KafkaStreams.State.ERROR) {
                stopped.countDown();
            }
        });
    }

    /** Creates and starts an instance with the {@link ReplaceThreadHandler}. */
    public static StreamsApp start(Topology topology, Properties props) {
        return start(topology, props, new ReplaceThreadHandler());
    }

    /** Creates and starts an instance with the given uncaught-exception policy. */
    public static StreamsApp start(Topology topology, Properties props, StreamsUncaughtExceptionHandler handler) {
        StreamsApp app = new StreamsApp(topology, props, handler);
        LOG.info("Starting Kafka Streams application '{}' on {}", props.getProperty("application.id"),
                props.getProperty("bootstrap.servers"));
        app.streams.start();
        return app;
    }

    /** The underlying client, e.g. for metrics or interactive queries. */
    public KafkaStreams streams() {
        return streams;
    }

    /** The current state (as the client reports it; the state listener may lag a moment behind). */
    public KafkaStreams.State state() {
        return streams.state();
    }

    /**
     * Waits until the instance is RUNNING (all its tasks restored and processing).
     *
     * @return false if it stopped or failed first, or the timeout passed
     */
    public boolean awaitRunning(Duration timeout) throws InterruptedException {
        return running.await(timeout.toMillis(), TimeUnit.MILLISECONDS) && reachedRunning;
    }

    /** Waits until the instance has stopped (closed or failed). */
    public boolean awaitStopped(Duration timeout) throws InterruptedException {
        return stopped.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Whether the instance ended in ERROR (e.g. the uncaught-exception handler shut it down). */
    public boolean failed() {
        return failed;
    }

    /**
     * Stops processing cleanly: commits what was processed, closes the stores and leaves the group.
     *
     * @return false if the instance did not stop within {@code timeout}
     */
    public boolean close(Duration timeout) {
        boolean closed = streams.close(CloseOptions.timeout(timeout)
                .withGroupMembershipOperation(CloseOptions.GroupMembershipOperation.LEAVE_GROUP));
        if (!closed) {
            LOG.warn("Kafka Streams did not close within {}", timeout);
        }
        return closed;
    }

    /** Closes with a one-minute timeout. */
    @Override
    public void close() {
        close(Duration.ofMinutes(1));
    }
}
