package io.newsflow.platform.streams;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.newsflow.platform.kafka.DeadLetterHeaders;
import io.newsflow.platform.kafka.DeadLetterTopic;
import io.newsflow.platform.kafka.Topics;
import io.newsflow.platform.registry.SchemaRegistryException;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.DeserializationExceptionHandler;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.ProcessingExceptionHandler;
import org.apache.kafka.streams.processor.api.Record;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends a record a Streams app cannot read or process to {@code <source topic>.dlq} and lets the app go on
 * (KIP-1034 handler responses). Streams writes the dead letter with its own producer, so under exactly-once the
 * dead letter and the offset commit that skips the record are one transaction: the record is parked exactly once,
 * never lost and never processed twice.
 *
 * <p>Only the topics of {@link Topics#deadLetters()} have a dead-letter topic. A failure on any other input (a
 * global store's topic, say) is logged and counted and the record skipped, rather than sent to a topic that does
 * not exist, which would fail the transaction and stop the app.
 */
public final class DeadLetterRouter implements DeserializationExceptionHandler, ProcessingExceptionHandler {

    /** Config key under which the app passes its Micrometer registry (an object, not a string). */
    public static final String METER_REGISTRY_CONFIG = "newsflow.metrics.registry";
    /** Prometheus: {@code newsflow_dlq_records_total{stage,topic,reason}}. */
    public static final String DLQ_COUNTER = "newsflow.dlq.records";

    static final String REASON_DESERIALIZATION = "deserialization";
    static final String REASON_SCHEMA = "schema";
    static final String REASON_PROCESSING = "processing";

    private static final Logger log = LoggerFactory.getLogger(DeadLetterRouter.class);

    private MeterRegistry meters;
    private String applicationId = "unknown";

    @Override
    public void configure(Map<String, ?> configs) {
        Object registry = configs.get(METER_REGISTRY_CONFIG);
        meters = registry instanceof MeterRegistry meterRegistry ? meterRegistry : null;
        Object appId = configs.get(StreamsConfig.APPLICATION_ID_CONFIG);
        if (appId != null) {
            applicationId = appId.toString();
        }
    }

    @Override
    public DeserializationExceptionHandler.Response handleError(ErrorHandlerContext context,
                                                                ConsumerRecord<byte[], byte[]> record,
                                                                Exception exception) {
        if (registryUnavailable(exception)) {
            logRetry(context, exception);
            return DeserializationExceptionHandler.Response.fail();
        }
        String reason = causedByRegistry(exception) ? REASON_SCHEMA : REASON_DESERIALIZATION;
        return DeserializationExceptionHandler.Response.resume(
            deadLetter(context, record.key(), record.value(), reason, exception));
    }

    @Override
    public ProcessingExceptionHandler.Response handleError(ErrorHandlerContext context, Record<?, ?> record,
                                                           Exception exception) {
        if (registryUnavailable(exception)) {
            logRetry(context, exception);
            return ProcessingExceptionHandler.Response.fail();
        }
        return ProcessingExceptionHandler.Response.resume(
            deadLetter(context, context.sourceRawKey(), context.sourceRawValue(), REASON_PROCESSING, exception));
    }

    private List<ProducerRecord<byte[], byte[]>> deadLetter(ErrorHandlerContext context, byte[] key, byte[] value,
                                                            String reason, Exception exception) {
        Optional<DeadLetterTopic> target = Topics.deadLetters().stream()
            .filter(dlq -> dlq.source().name().equals(context.topic()))
            .findFirst();
        String stage = target.map(DeadLetterTopic::stage).orElse(applicationId);
        count(stage, String.valueOf(context.topic()), reason);
        if (target.isEmpty()) {
            log.warn("Skipping a record of {}-{}@{} that {} could not handle ({}); the topic has no dead-letter topic",
                context.topic(), context.partition(), context.offset(), stage, oneLine(exception));
            return List.of();
        }
        log.warn("Dead-lettering {}-{}@{} to {} ({}): {}", context.topic(), context.partition(), context.offset(),
            target.get().name(), reason, oneLine(exception));
        Headers headers = new RecordHeaders();
        put(headers, DeadLetterHeaders.REASON, reason);
        put(headers, DeadLetterHeaders.ERROR, oneLine(exception));
        put(headers, DeadLetterHeaders.SOURCE_TOPIC, context.topic());
        put(headers, DeadLetterHeaders.SOURCE_PARTITION, String.valueOf(context.partition()));
        put(headers, DeadLetterHeaders.SOURCE_OFFSET, String.valueOf(context.offset()));
        put(headers, DeadLetterHeaders.SOURCE_TIMESTAMP, String.valueOf(context.timestamp()));
        put(headers, DeadLetterHeaders.FAILED_AT, String.valueOf(System.currentTimeMillis()));
        put(headers, DeadLetterHeaders.STAGE, stage);
        return List.of(new ProducerRecord<>(target.get().name(), null, key, value, headers));
    }

    /**
     * Registers the stage's dead-letter counters at zero, so dashboards and alerts see a flat line rather than no
     * data until the first poison record.
     */
    public static void registerCounters(MeterRegistry meters, String stage) {
        for (DeadLetterTopic dlq : Topics.deadLetters()) {
            if (dlq.stage().equals(stage)) {
                for (String reason : List.of(REASON_DESERIALIZATION, REASON_SCHEMA, REASON_PROCESSING)) {
                    counter(meters, stage, dlq.source().name(), reason);
                }
            }
        }
    }

    private static Counter counter(MeterRegistry meters, String stage, String topic, String reason) {
        return Counter.builder(DLQ_COUNTER)
            .description("Records a stage could not read or process and sent to a dead-letter topic")
            .tags("stage", stage, "topic", topic, "reason", reason)
            .register(meters);
    }

    private void count(String stage, String topic, String reason) {
        if (meters != null) {
            counter(meters, stage, topic, reason).increment();
        }
    }

    /**
     * Whether the record failed only because the schema registry could not be reached or failed on its side
     * ({@link SchemaRegistryException#registryUnavailable}), as it does while a Kafka-backed registry waits for its
     * broker. The record itself is
     * fine, so parking it would lose a good story. Failing instead stops the stream thread; the app replaces it
     * and, under exactly-once, processes the record again from the last commit once the registry answers.
     */
    static boolean registryUnavailable(Throwable exception) {
        return SchemaRegistryException.inCauseChain(exception).filter(SchemaRegistryException::registryUnavailable).isPresent();
    }

    private static void logRetry(ErrorHandlerContext context, Exception exception) {
        log.warn("{}-{}@{} not processed because the schema registry is unavailable; failing the task so that it is "
            + "processed again once the registry answers: {}", context.topic(), context.partition(), context.offset(),
            oneLine(exception));
    }

    private static boolean causedByRegistry(Throwable exception) {
        return SchemaRegistryException.inCauseChain(exception).isPresent();
    }


    private static String oneLine(Throwable exception) {
        String message = exception.getMessage() == null ? "" : ": " + exception.getMessage();
        return (exception.getClass().getSimpleName() + message).replaceAll("\\s+", " ");
    }

    private static void put(Headers headers, String name, String value) {
        headers.add(name, String.valueOf(value).getBytes(StandardCharsets.UTF_8));
    }
}
