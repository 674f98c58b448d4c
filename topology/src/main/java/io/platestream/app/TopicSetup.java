package io.platestream.app;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.common.errors.TopicExistsException;

import io.platestream.topology.PlateStreamConfig;

/**
 * The topics PlateStream reads and writes, as they should be created before the application first starts (Kafka
 * Streams creates only its internal repartition and changelog topics):
 * <ul>
 *   <li>every topic gets the same partition count, because the open-entries topic must be co-partitioned with the
 *       exit stream (see {@code PlateStreamTopology});</li>
 *   <li>the frames topic accepts records of up to {@value #MAX_FRAME_RECORD_BYTES} bytes (a 10 MiB image plus its
 *       metadata);</li>
 *   <li>the open-entries topic is compacted.</li>
 * </ul>
 */
public final class TopicSetup {

    /** {@code max.message.bytes} of the frames topic. */
    public static final int MAX_FRAME_RECORD_BYTES = 11 * 1024 * 1024;

    private static final Duration DESCRIBE_TIMEOUT = Duration.ofSeconds(30);

    private TopicSetup() {
    }

    /** The application's topics with their settings. */
    public static List<NewTopic> newTopics(PlateStreamConfig config, int partitions, short replicationFactor) {
        PlateStreamConfig.TopicNames t = config.topics();
        List<NewTopic> topics = new ArrayList<>();
        topics.add(new NewTopic(t.images(), partitions, replicationFactor)
                .configs(Map.of(TopicConfig.MAX_MESSAGE_BYTES_CONFIG, Integer.toString(MAX_FRAME_RECORD_BYTES))));
        for (String name : List.of(t.rejected(), t.reads(), t.events(), t.outcomes(), t.visits(), t.unmatched(),
                t.expired())) {
            topics.add(new NewTopic(name, partitions, replicationFactor));
        }
        topics.add(new NewTopic(t.entries(), partitions, replicationFactor)
                .configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT)));
        return topics;
    }

    /**
     * Creates the topics that do not exist yet and checks that the open-entries topic, if it existed, has the asked
     * partition count.
     *
     * @return a line per topic saying whether it was created or already existed
     */
    public static List<String> create(Admin admin, PlateStreamConfig config, int partitions, short replicationFactor)
            throws InterruptedException {
        List<NewTopic> topics = newTopics(config, partitions, replicationFactor);
        List<String> report = new ArrayList<>();
        var results = admin.createTopics(topics).values();
        for (NewTopic topic : topics) {
            try {
                results.get(topic.name()).get();
                report.add("created " + topic.name() + " (" + partitions + " partitions, replication "
                        + replicationFactor + (topic.configs() == null || topic.configs().isEmpty() ? "" : ", " + topic.configs()) + ")");
            } catch (ExecutionException e) {
                if (e.getCause() instanceof TopicExistsException) {
                    report.add("exists  " + topic.name());
                } else {
                    throw new IllegalStateException("could not create topic " + topic.name() + ": " + e.getCause().getMessage(),
                            e.getCause());
                }
            }
        }
        String entries = config.topics().entries();
        // returns once every topic is visible in the metadata, so callers can use them at once
        TopicDescription description = awaitVisible(admin, topics.stream().map(NewTopic::name).toList()).get(entries);
        if (description.partitions().size() != partitions) {
            throw new IllegalStateException("topic " + entries + " has " + description.partitions().size()
                    + " partitions, not " + partitions + ": the open entries must be partitioned like the exits");
        }
        return report;
    }

    /**
     * Describes topics, retrying while the brokers' metadata has not caught up with their creation yet (a describe
     * right after a create may answer "does not host this topic-partition" for a moment).
     *
     * @throws IllegalStateException if a topic is still unknown after 30 s, or on a non-retriable error
     */
    public static Map<String, TopicDescription> awaitVisible(Admin admin, List<String> topics) throws InterruptedException {
        long deadline = System.nanoTime() + DESCRIBE_TIMEOUT.toNanos();
        while (true) {
            try {
                return admin.describeTopics(topics).allTopicNames().get();
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof RetriableException) || System.nanoTime() > deadline) {
                    throw new IllegalStateException("could not describe " + topics + ": " + e.getCause().getMessage(),
                            e.getCause());
                }
                Thread.sleep(100);
            }
        }
    }
}
