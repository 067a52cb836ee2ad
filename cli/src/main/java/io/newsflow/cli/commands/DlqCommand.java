package io.newsflow.cli.commands;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.newsflow.cli.ops.TopicReader;
import io.newsflow.platform.kafka.DeadLetterHeaders;
import io.newsflow.platform.kafka.DeadLetterTopic;
import io.newsflow.platform.kafka.Topics;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code newsflow dlq list|replay}: what the pipeline parked on its dead-letter topics, and putting it back. */
@Command(name = "dlq", mixinStandardHelpOptions = true,
    description = "Lists and replays the records the pipeline parked on its dead-letter topics (<topic>.dlq).",
    subcommands = {DlqCommand.ListLetters.class, DlqCommand.Replay.class})
public final class DlqCommand implements Callable<Integer> {

    /** Header a replayed record carries: which dead letter it came from, {@code <dlq>-<partition>@<offset>}. */
    public static final String REPLAYED_FROM = "newsflow.dlq.replayed.from";

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().getErr().println("newsflow dlq: say 'list' or 'replay'");
        spec.commandLine().usage(spec.commandLine().getErr());
        return CommandLine.ExitCode.USAGE;
    }

    static String header(ConsumerRecord<byte[], byte[]> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null || header.value() == null ? "" : new String(header.value(), StandardCharsets.UTF_8);
    }

    static List<DeadLetterTopic> chosen(String topic, CommandSpec spec) {
        if (topic == null) {
            return Topics.deadLetters();
        }
        Optional<DeadLetterTopic> match = Topics.deadLetters().stream()
            .filter(dlq -> dlq.name().equals(topic) || dlq.source().name().equals(topic)).findFirst();
        if (match.isEmpty()) {
            throw new CommandLine.ParameterException(spec.commandLine(), "'" + topic + "' is not a dead-letter topic; known: "
                + Topics.deadLetters().stream().map(DeadLetterTopic::name).toList());
        }
        return List.of(match.get());
    }

    /** {@code newsflow dlq list}: one line per dead letter, with why and where from. */
    @Command(name = "list", mixinStandardHelpOptions = true,
        description = "Lists dead letters: position, key, reason, stage, source record and error.")
    static final class ListLetters implements Callable<Integer> {

        @Spec
        CommandSpec spec;

        @Mixin
        KafkaOptions kafka;

        @Option(names = {"-t", "--topic"}, paramLabel = "<topic>",
            description = "One dead-letter topic (or its source topic). Default: all of them.")
        String topic;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            int total = 0;
            try (TopicReader reader = new TopicReader(kafka.bootstrapServers())) {
                for (DeadLetterTopic dlq : chosen(topic, spec)) {
                    List<ConsumerRecord<byte[], byte[]>> letters = new ArrayList<>();
                    reader.read(dlq.name(), -1, false, letters::add);
                    out.printf("%s: %d dead letter%s%n", dlq.name(), letters.size(), letters.size() == 1 ? "" : "s");
                    for (ConsumerRecord<byte[], byte[]> letter : letters) {
                        String failedAt = header(letter, DeadLetterHeaders.FAILED_AT);
                        out.printf("  %s-%d@%d key=%s reason=%s stage=%s source=%s-%s@%s failed=%s%n    %s%n",
                            letter.topic(), letter.partition(), letter.offset(),
                            letter.key() == null ? "-" : new String(letter.key(), StandardCharsets.UTF_8),
                            header(letter, DeadLetterHeaders.REASON), header(letter, DeadLetterHeaders.STAGE),
                            header(letter, DeadLetterHeaders.SOURCE_TOPIC), header(letter, DeadLetterHeaders.SOURCE_PARTITION),
                            header(letter, DeadLetterHeaders.SOURCE_OFFSET),
                            failedAt.isEmpty() ? "-" : Instant.ofEpochMilli(Long.parseLong(failedAt)),
                            header(letter, DeadLetterHeaders.ERROR));
                    }
                    total += letters.size();
                }
            } catch (IllegalArgumentException | org.apache.kafka.common.KafkaException e) {
                spec.commandLine().getErr().println("newsflow dlq list: " + e.getMessage());
                return CommandLine.ExitCode.USAGE;
            }
            out.printf("%d dead letter%s in all%n", total, total == 1 ? "" : "s");
            return CommandLine.ExitCode.OK;
        }
    }

    /**
     * {@code newsflow dlq replay}: writes dead letters back to the topic they came from, key and value exactly as
     * they were, once the cause is fixed (a schema registered, a producer corrected). A record that fails again
     * is parked again, so a replay never loses anything.
     */
    @Command(name = "replay", mixinStandardHelpOptions = true,
        description = {"Writes dead letters back to their source topic, byte for byte, marked with the header",
            REPLAYED_FROM + ". Records that fail again are parked again."})
    static final class Replay implements Callable<Integer> {

        @Spec
        CommandSpec spec;

        @Mixin
        KafkaOptions kafka;

        @Parameters(index = "0", paramLabel = "<dlq-topic>", description = "The dead-letter topic, e.g. articles.published.dlq.")
        String topic;

        @Option(names = "--offset", paramLabel = "<partition:offset>",
            description = "Only this dead letter; repeatable. Without it every dead letter on the topic is replayed.")
        List<String> positions;

        @Option(names = "--dry-run", description = "Show what would be replayed and write nothing.")
        boolean dryRun;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            DeadLetterTopic dlq = chosen(topic, spec).get(0);
            Map<Integer, Set<Long>> wanted = parsePositions();
            List<ConsumerRecord<byte[], byte[]>> letters = new ArrayList<>();
            try (TopicReader reader = new TopicReader(kafka.bootstrapServers())) {
                reader.read(dlq.name(), -1, false, record -> {
                    if (wanted.isEmpty() || wanted.getOrDefault(record.partition(), Set.of()).contains(record.offset())) {
                        letters.add(record);
                    }
                });
            } catch (IllegalArgumentException | org.apache.kafka.common.KafkaException e) {
                spec.commandLine().getErr().println("newsflow dlq replay: " + e.getMessage());
                return CommandLine.ExitCode.USAGE;
            }
            if (letters.isEmpty()) {
                out.println("Nothing to replay on " + dlq.name() + ".");
                return wanted.isEmpty() ? CommandLine.ExitCode.OK : CommandLine.ExitCode.SOFTWARE;
            }
            if (dryRun) {
                letters.forEach(l -> out.printf("would replay %s-%d@%d to %s%n", l.topic(), l.partition(), l.offset(),
                    target(l, dlq)));
                return CommandLine.ExitCode.OK;
            }
            try (KafkaProducer<byte[], byte[]> producer = producer()) {
                for (ConsumerRecord<byte[], byte[]> letter : letters) {
                    RecordHeaders headers = new RecordHeaders();
                    headers.add(REPLAYED_FROM, (letter.topic() + "-" + letter.partition() + "@" + letter.offset())
                        .getBytes(StandardCharsets.UTF_8));
                    var metadata = producer.send(new ProducerRecord<>(target(letter, dlq), null, letter.key(),
                        letter.value(), headers)).get(30, TimeUnit.SECONDS);
                    out.printf("replayed %s-%d@%d to %s-%d@%d%n", letter.topic(), letter.partition(), letter.offset(),
                        metadata.topic(), metadata.partition(), metadata.offset());
                }
            } catch (ExecutionException | TimeoutException | org.apache.kafka.common.KafkaException e) {
                spec.commandLine().getErr().println("newsflow dlq replay: could not write: " + e.getMessage());
                return CommandLine.ExitCode.SOFTWARE;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return CommandLine.ExitCode.SOFTWARE;
            }
            out.printf("%d dead letter%s replayed%n", letters.size(), letters.size() == 1 ? "" : "s");
            return CommandLine.ExitCode.OK;
        }

        private static String target(ConsumerRecord<byte[], byte[]> letter, DeadLetterTopic dlq) {
            String source = header(letter, DeadLetterHeaders.SOURCE_TOPIC);
            return source.isEmpty() ? dlq.source().name() : source;
        }

        private Map<Integer, Set<Long>> parsePositions() {
            Map<Integer, Set<Long>> wanted = new HashMap<>();
            if (positions == null) {
                return wanted;
            }
            for (String position : positions) {
                String[] parts = position.split(":");
                try {
                    if (parts.length != 2) {
                        throw new NumberFormatException();
                    }
                    wanted.computeIfAbsent(Integer.parseInt(parts[0]), p -> new HashSet<>()).add(Long.parseLong(parts[1]));
                } catch (NumberFormatException e) {
                    throw new CommandLine.ParameterException(spec.commandLine(),
                        "--offset takes <partition:offset>, like 0:12; got '" + position + "'");
                }
            }
            return wanted;
        }

        private KafkaProducer<byte[], byte[]> producer() {
            Map<String, Object> config = new HashMap<>();
            config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
            config.put(ProducerConfig.ACKS_CONFIG, "all");
            config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
            config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) Duration.ofSeconds(60).toMillis());
            return new KafkaProducer<>(config, new ByteArraySerializer(), new ByteArraySerializer());
        }
    }
}
