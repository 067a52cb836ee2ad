package io.newsflow.platform.kafka;

import java.util.Map;

/**
 * Where a pipeline stage parks a record it could not process: {@code <source topic>.dlq}. The record keeps its
 * original key and value bytes exactly as they were on the source topic; headers say why, where it came from and
 * which stage gave up (see {@link DeadLetterHeaders}). A dead-letter topic has no schema of its own, because what it
 * holds is by definition whatever the source topic held, readable or not.
 *
 * @param name the dead-letter topic
 * @param source the topic whose unprocessable records land here
 * @param stage the service that reads {@code source} and writes here
 */
public record DeadLetterTopic(String name, TopicSpec<?> source, String stage, Map<String, String> configs) {

    /** Long enough for an operator to notice over a holiday weekend and replay. */
    private static final String FOURTEEN_DAYS_MS = String.valueOf(14L * 24 * 60 * 60 * 1000);

    public DeadLetterTopic {
        configs = Map.copyOf(configs);
    }

    static DeadLetterTopic of(TopicSpec<?> source, String stage) {
        return new DeadLetterTopic(source.name() + ".dlq", source, stage,
            Map.of("cleanup.policy", "delete", "retention.ms", FOURTEEN_DAYS_MS));
    }
}
