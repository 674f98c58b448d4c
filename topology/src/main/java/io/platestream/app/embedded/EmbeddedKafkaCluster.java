package io.platestream.app.embedded;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.stream.Collectors;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.platestream.app.TopicSetup;

/**
 * A real, single-node Kafka cluster running inside this JVM: one combined KRaft node (broker and controller in one
 * process) on a random local port, with its logs in a temporary directory that is deleted on {@link #close()}.
 *
 * <p>Used by {@code platestream demo} and by the integration tests. It wraps Kafka's own {@link KafkaClusterTestKit},
 * configured so that a single node can serve transactions (exactly-once) and consumer groups: every internal topic has
 * replication factor 1 and consumer groups rebalance without the initial delay.
 *
 * <pre>{@code
 * try (EmbeddedKafkaCluster kafka = EmbeddedKafkaCluster.start()) {
 *     kafka.createTopics(3, "images", "visits");
 *     String bootstrap = kafka.bootstrapServers();
 * }
 * }</pre>
 */
public final class EmbeddedKafkaCluster implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedKafkaCluster.class);

    private final KafkaClusterTestKit cluster;
    private final Duration startupTime;
    private boolean closed;

    private EmbeddedKafkaCluster(KafkaClusterTestKit cluster, Duration startupTime) {
        this.cluster = cluster;
        this.startupTime = startupTime;
    }

    /** Formats and starts a single-node cluster with the default broker settings, and waits until it serves requests. */
    public static EmbeddedKafkaCluster start() {
        return start(Map.of());
    }

    /**
     * Formats and starts a single-node cluster and waits until its broker is ready.
     *
     * @param brokerOverrides broker configuration that replaces the defaults of this class (e.g.
     *                        {@code log.retention.ms})
     * @throws IllegalStateException when the cluster cannot be started; nothing is left running in that case
     */
    public static EmbeddedKafkaCluster start(Map<String, ?> brokerOverrides) {
        long t0 = System.nanoTime();
        KafkaClusterTestKit cluster = null;
        try {
            TestKitNodes nodes = new TestKitNodes.Builder()
                    .setCombined(true)
                    .setNumBrokerNodes(1)
                    .setNumControllerNodes(1)
                    .build();
            KafkaClusterTestKit.Builder builder = new KafkaClusterTestKit.Builder(nodes).setDeleteOnClose(true);
            defaultBrokerConfig().forEach(builder::setConfigProp);
            brokerOverrides.forEach(builder::setConfigProp);
            cluster = builder.build();
            formatQuietly(cluster);
            cluster.startup();
            cluster.waitForReadyBrokers();
            Duration took = Duration.ofNanos(System.nanoTime() - t0);
            LOG.info("Embedded Kafka ready at {} after {} ms", cluster.bootstrapServers(), took.toMillis());
            return new EmbeddedKafkaCluster(cluster, took);
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            if (cluster != null) {
                try {
                    cluster.close();
                } catch (Exception suppressed) {
                    e.addSuppressed(suppressed);
                }
            }
            throw new IllegalStateException("could not start the embedded Kafka cluster: " + e, e);
        }
    }

    /**
     * Formats the node's log directories. Kafka's formatter reports to {@code System.out}, which would interleave with
     * the demo's output; its lines go to the debug log instead.
     */
    private static void formatQuietly(KafkaClusterTestKit cluster) throws Exception {
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        PrintStream original = System.out;
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            cluster.format();
        } finally {
            System.setOut(original);
            LOG.debug("Formatter output:\n{}", captured.toString(StandardCharsets.UTF_8));
        }
    }

    /** Broker settings that let one node serve consumer groups and transactions quickly. */
    private static Map<String, Object> defaultBrokerConfig() {
        return Map.of(
                "offsets.topic.replication.factor", "1",
                "offsets.topic.num.partitions", "5",
                "transaction.state.log.replication.factor", "1",
                "transaction.state.log.min.isr", "1",
                "transaction.state.log.num.partitions", "5",
                "group.initial.rebalance.delay.ms", "0",
                "auto.create.topics.enable", "false",
                "num.partitions", "1",
                "default.replication.factor", "1");
    }

    /** The {@code host:port} list to give clients as {@code bootstrap.servers}. */
    public String bootstrapServers() {
        return cluster.bootstrapServers();
    }

    /** How long {@link #start} took from formatting to a ready broker. */
    public Duration startupTime() {
        return startupTime;
    }

    /** A new admin client for this cluster; the caller closes it. */
    public Admin admin() {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers()));
    }

    /**
     * Creates topics with the given partition count and replication factor 1, and waits until they exist. Topics that
     * exist already are left as they are.
     */
    public void createTopics(int partitions, String... topics) {
        createTopics(partitions, List.of(topics));
    }

    /** As {@link #createTopics(int, String...)}. */
    public void createTopics(int partitions, Collection<String> topics) {
        List<NewTopic> newTopics = new ArrayList<>();
        for (String topic : topics) {
            newTopics.add(new NewTopic(Objects.requireNonNull(topic), partitions, (short) 1));
        }
        createTopics(newTopics);
    }

    /** Creates topics with their own settings (replication factor at most 1 here); existing ones are left alone. */
    public void createTopics(Collection<NewTopic> newTopics) {
        List<String> topics = newTopics.stream().map(NewTopic::name).toList();
        try (Admin admin = admin()) {
            for (var entry : admin.createTopics(newTopics).values().entrySet()) {
                try {
                    entry.getValue().get();
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw new IllegalStateException("could not create topic " + entry.getKey() + ": " + e.getCause(), e.getCause());
                    }
                }
            }
            TopicSetup.awaitVisible(admin, topics);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating topics " + topics, e);
        }
    }

    /** Deletes every topic whose name does not start with {@code __} (Kafka's internal topics) and waits for it. */
    public void deleteAllUserTopics() {
        try (Admin admin = admin()) {
            Set<String> names = admin.listTopics().names().get().stream()
                    .filter(name -> !name.startsWith("__"))
                    .collect(Collectors.toSet());
            if (!names.isEmpty()) {
                admin.deleteTopics(names).all().get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while deleting topics", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("could not delete topics: " + e.getCause(), e.getCause());
        }
    }

    /** Stops the node and deletes its data directory. Safe to call twice. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            cluster.close();
        } catch (Exception e) {
            LOG.warn("Embedded Kafka did not shut down cleanly", e);
        }
    }
}
