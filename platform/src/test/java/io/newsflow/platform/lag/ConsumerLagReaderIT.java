package io.newsflow.platform.lag;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.newsflow.testkit.KafkaBrokerExtension;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Lag against a real broker: offsets from the Admin API, seconds from the timestamp of the oldest record the
 * group has not consumed, and the gauges named as kafka-lag-exporter names them.
 */
class ConsumerLagReaderIT {

    @RegisterExtension
    static final KafkaBrokerExtension KAFKA = KafkaBrokerExtension.embedded();

    private static final String TOPIC = "lag-reader-it";
    private static final String GROUP = "lag-reader-it-group";

    @Test
    void lagInOffsetsAndInSecondsFromTheOldestUnconsumedRecord() throws Exception {
        Instant now = Instant.now();
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, KAFKA.bootstrapServers()))) {
            admin.createTopics(List.of(new NewTopic(TOPIC, 1, (short) 1))).all().get(30, TimeUnit.SECONDS);
            // Given ten records written two minutes apart, the oldest twenty minutes ago
            try (KafkaProducer<String, String> producer = producer()) {
                for (int i = 0; i < 10; i++) {
                    long timestamp = now.minus(Duration.ofMinutes(20 - 2L * i)).toEpochMilli();
                    producer.send(new ProducerRecord<>(TOPIC, 0, timestamp, "k" + i, "v" + i)).get();
                }
            }
            // and a group that has consumed the first four
            TopicPartition partition = new TopicPartition(TOPIC, 0);
            admin.alterConsumerGroupOffsets(GROUP, Map.of(partition, new OffsetAndMetadata(4))).all().get(30, TimeUnit.SECONDS);

            try (ConsumerLagReader reader = new ConsumerLagReader(KAFKA.bootstrapServers(), Clock.systemUTC())) {
                // Then it is six records behind, and as old as record 4, written twelve minutes ago
                LagSnapshot snapshot = reader.read(List.of(GROUP));
                assertThat(snapshot.partitions()).singleElement().satisfies(lag -> {
                    assertThat(lag.group()).isEqualTo(GROUP);
                    assertThat(lag.committedOffset()).isEqualTo(4);
                    assertThat(lag.endOffset()).isEqualTo(10);
                    assertThat(lag.lagOffsets()).isEqualTo(6);
                    assertThat(lag.lagSeconds()).isCloseTo(12 * 60, within(30.0));
                });
                assertThat(reader.groups()).contains(GROUP);

                // When the group catches up, both lags are zero
                admin.alterConsumerGroupOffsets(GROUP, Map.of(partition, new OffsetAndMetadata(10))).all().get(30, TimeUnit.SECONDS);
                assertThat(reader.read(List.of(GROUP)).partitions()).singleElement().satisfies(lag -> {
                    assertThat(lag.lagOffsets()).isZero();
                    assertThat(lag.lagSeconds()).isZero();
                });
            }

            // And the monitor exports the kafka-lag-exporter series: 3 behind, as old as record 7 (six minutes)
            admin.alterConsumerGroupOffsets(GROUP, Map.of(partition, new OffsetAndMetadata(7))).all().get(30, TimeUnit.SECONDS);
            PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
            try (ConsumerLagMonitor monitor = new ConsumerLagMonitor(KAFKA.bootstrapServers(), List.of(GROUP),
                    Duration.ofMillis(200), Duration.ofMinutes(5), Clock.systemUTC())
                    .exportTo(registry, Set.of(GROUP)).start()) {
                await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
                    String scrape = registry.scrape();
                    assertThat(scrape).contains("kafka_consumergroup_group_lag{group=\"" + GROUP + "\",partition=\"0\",topic=\"" + TOPIC + "\"} 3.0");
                    assertThat(scrape).containsPattern("kafka_consumergroup_group_lag_seconds\\{group=\"" + GROUP
                        + "\",partition=\"0\",topic=\"" + TOPIC + "\"} 3[4-9][0-9]\\.");
                    assertThat(scrape).contains("kafka_consumergroup_group_max_lag{group=\"" + GROUP + "\"} 3.0");
                    assertThat(scrape).contains("kafka_consumergroup_group_offset{group=\"" + GROUP + "\",partition=\"0\",topic=\"" + TOPIC + "\"} 7.0");
                    assertThat(scrape).contains("kafka_partition_latest_offset{partition=\"0\",topic=\"" + TOPIC + "\"} 10.0");
                });
                assertThat(LagReport.from(monitor.history()).groups()).singleElement()
                    .satisfies(group -> assertThat(group.partitions()).singleElement()
                        .satisfies(p -> assertThat(p.series()).isNotEmpty()));
            }
        }
    }

    private static KafkaProducer<String, String> producer() {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, KAFKA.bootstrapServers());
        return new KafkaProducer<>(props, new StringSerializer(), new StringSerializer());
    }
}
