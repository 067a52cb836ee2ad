package io.newsflow.platform.metrics;

import java.time.Duration;
import java.time.Instant;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

/**
 * The pipeline's own measures, shared by the three services:
 * {@code newsflow_pipeline_latency_seconds{stage}}, a histogram of the time from ingest to a stage
 * ({@code enriched}, {@code visible}), and {@code newsflow_stories_total{outcome}}, stories handled per outcome.
 * Every series also carries the registry's {@code service} tag.
 */
public final class PipelineMetrics {

    public static final String LATENCY = "newsflow.pipeline.latency";
    public static final String STORIES = "newsflow.stories";
    public static final String STAGE_ENRICHED = "enriched";
    public static final String STAGE_VISIBLE = "visible";

    private final MeterRegistry registry;

    private PipelineMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    public static PipelineMetrics on(MeterRegistry registry) {
        return new PipelineMetrics(registry);
    }

    /** Measures nothing anyone reads; for topology tests. */
    public static PipelineMetrics discarding() {
        return new PipelineMetrics(new SimpleMeterRegistry());
    }

    /**
     * Records that a story reached {@code stage} at {@code now}, counted from when ingest accepted it (or, for a
     * record that did not come through ingest, from its publication time).
     */
    public void reached(String stage, Instant ingestedAt, Instant publishedAt, Instant now) {
        Instant from = ingestedAt != null ? ingestedAt : publishedAt;
        if (from == null || from.isAfter(now)) {
            return;
        }
        Timer.builder(LATENCY)
            .description("Time from ingest to a pipeline stage")
            .tag("stage", stage)
            .publishPercentileHistogram()
            .minimumExpectedValue(Duration.ofMillis(1))
            .maximumExpectedValue(Duration.ofMinutes(10))
            .register(registry)
            .record(Duration.between(from, now));
    }

    /** Counts one story handled with the given outcome ({@code accepted}, {@code enriched}, {@code indexed}, ...). */
    public void count(String outcome) {
        Counter.builder(STORIES).description("Stories handled, by outcome").tag("outcome", outcome)
            .register(registry).increment();
    }
}
