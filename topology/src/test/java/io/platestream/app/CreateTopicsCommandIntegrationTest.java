package io.platestream.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.config.ConfigResource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import io.platestream.app.embedded.EmbeddedKafkaCluster;
import io.platestream.app.embedded.EmbeddedKafkaExtension;
import io.platestream.topology.Topics;
import picocli.CommandLine;

@ExtendWith(EmbeddedKafkaExtension.class)
class CreateTopicsCommandIntegrationTest {

    @Test
    void createsEveryTopicOnceWithItsSettings(EmbeddedKafkaCluster kafka) throws Exception {
        StringWriter out = new StringWriter();
        CommandLine cmd = Main.commandLine();
        cmd.setOut(new PrintWriter(out, true));
        String[] args = {"create-topics", "--set", "kafka.bootstrap.servers=" + kafka.bootstrapServers(),
                "--partitions", "3", "--replication-factor", "1"};

        assertThat(cmd.execute(args)).isZero();
        assertThat(cmd.execute(args)).isZero();  // a second run leaves them alone

        List<String> all = List.of(Topics.IMAGES, Topics.REJECTED, Topics.READS, Topics.EVENTS, Topics.OUTCOMES,
                Topics.VISITS, Topics.UNMATCHED, Topics.EXPIRED, Topics.ENTRIES);
        assertThat(out.toString()).contains("created " + Topics.IMAGES, "exists  " + Topics.ENTRIES);
        try (Admin admin = kafka.admin()) {
            Map<String, TopicDescription> topics = admin.describeTopics(all).allTopicNames().get();
            assertThat(topics.values()).allSatisfy(t -> assertThat(t.partitions()).hasSize(3));
            Map<ConfigResource, Config> configs = admin.describeConfigs(List.of(
                    new ConfigResource(ConfigResource.Type.TOPIC, Topics.ENTRIES),
                    new ConfigResource(ConfigResource.Type.TOPIC, Topics.IMAGES))).all().get();
            assertThat(configs.get(new ConfigResource(ConfigResource.Type.TOPIC, Topics.ENTRIES))
                    .get("cleanup.policy").value()).isEqualTo("compact");
            assertThat(configs.get(new ConfigResource(ConfigResource.Type.TOPIC, Topics.IMAGES))
                    .get("max.message.bytes").value()).isEqualTo(Integer.toString(TopicSetup.MAX_FRAME_RECORD_BYTES));
        }

        // the open entries must stay partitioned like the exits
        String[] other = {"create-topics", "--set", "kafka.bootstrap.servers=" + kafka.bootstrapServers(),
                "--partitions", "4", "--replication-factor", "1"};
        StringWriter err = new StringWriter();
        cmd.setErr(new PrintWriter(err, true));
        assertThat(cmd.execute(other)).isNotZero();
        assertThat(err.toString()).contains(Topics.ENTRIES, "3 partitions, not 4");
    }
}
