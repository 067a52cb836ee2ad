package io.newsflow.examples.consumer;

import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;

import io.newsflow.platform.serde.AvroDeserializer;
import io.newsflow.schemas.ArticleEnriched;
import io.newsflow.schemas.EntityMention;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * A downstream app reading Newsflow's enriched stories with nothing but a plain {@link KafkaConsumer} and the
 * project's Avro deserializer: the story id as the key, {@code ArticleEnriched} in Confluent's wire format as the
 * value, the writer schema fetched from the registry by the id in each record.
 *
 * <pre>
 * java -cp ... io.newsflow.examples.consumer.DownstreamConsumer [bootstrap.servers] [schema.registry.url] [group.id]
 * </pre>
 *
 * Confluent's {@code KafkaAvroDeserializer} takes the same settings and reads the same bytes, so a team on
 * Confluent's serde changes only the {@code value.deserializer} class.
 */
public final class DownstreamConsumer implements AutoCloseable {

    /** {@code Topics.ARTICLES_ENRICHED}: every enriched version of every story, keyed by story id. */
    public static final String TOPIC = "articles.enriched";

    private final KafkaConsumer<String, ArticleEnriched> consumer;

    public DownstreamConsumer(Properties config) {
        this.consumer = new KafkaConsumer<>(config);
        consumer.subscribe(List.of(TOPIC));
    }

    /** Everything a downstream consumer of {@code articles.enriched} needs to set. */
    public static Properties config(String bootstrapServers, String schemaRegistryUrl, String groupId) {
        Properties config = new Properties();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(ConsumerConfig.GROUP_ID_CONFIG, groupId);
        config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, AvroDeserializer.class.getName());
        // Same keys as Confluent's serde: where the schemas are, and decode into the generated class
        config.put("schema.registry.url", schemaRegistryUrl);
        config.put("specific.avro.reader", "true");
        // enrich-service writes in exactly-once transactions: see only committed stories
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        return config;
    }

    /** Polls once, prints every story read and returns them. */
    public List<ArticleEnriched> pollOnce(Duration timeout, PrintStream out) {
        List<ArticleEnriched> stories = new ArrayList<>();
        for (ConsumerRecord<String, ArticleEnriched> record : consumer.poll(timeout)) {
            if (record.value() == null) {
                continue;
            }
            out.println(describe(record.value()));
            stories.add(record.value());
        }
        return stories;
    }

    /** Wakes a blocked {@link #pollOnce} from another thread (it then throws {@link WakeupException}). */
    public void wakeup() {
        consumer.wakeup();
    }

    /** One line per story: id and version, headline, and the distinct entities it mentions. */
    public static String describe(ArticleEnriched story) {
        Map<String, String> entities = new LinkedHashMap<>();
        for (EntityMention mention : story.getEntities()) {
            entities.putIfAbsent(mention.getEntityId(), mention.getCanonical() + " (" + mention.getType() + ")");
        }
        return story.getArticle().getId() + " v" + story.getArticle().getVersion() + ": "
            + story.getArticle().getHeadline() + "\n  entities: "
            + (entities.isEmpty() ? "none" : String.join(", ", entities.values()))
            + "\n  tags: " + String.join(", ", story.getTags());
    }

    @Override
    public void close() {
        consumer.close();
    }

    public static void main(String[] args) throws InterruptedException {
        String bootstrap = args.length > 0 ? args[0] : "localhost:9092";
        String registry = args.length > 1 ? args[1] : "http://localhost:8081";
        String group = args.length > 2 ? args[2] : "newsflow-example-downstream";
        CountDownLatch stopped = new CountDownLatch(1);
        DownstreamConsumer app = new DownstreamConsumer(config(bootstrap, registry, group));
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            app.wakeup();
            try {
                stopped.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }));
        try (app) {
            System.out.println("Reading " + TOPIC + " from " + bootstrap + " (registry " + registry + ", group " + group + "); Ctrl-C stops.");
            while (true) {
                app.pollOnce(Duration.ofSeconds(1), System.out);
            }
        } catch (WakeupException e) {
            // Ctrl-C
        } finally {
            stopped.countDown();
        }
    }
}
