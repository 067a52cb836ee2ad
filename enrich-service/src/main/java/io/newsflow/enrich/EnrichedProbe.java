package io.newsflow.enrich;

import java.time.Instant;

import io.newsflow.platform.kafka.Topics;
import io.newsflow.platform.metrics.PipelineMetrics;
import io.newsflow.schemas.ArticleEnriched;
import io.newsflow.schemas.ArticlePublished;
import io.newsflow.schemas.PubStatus;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;

/**
 * Counts each enriched story and records its ingest-to-enriched latency, passing the record on unchanged. A
 * re-enrichment from {@code enrich.replay} is counted as such and left out of the latency, which measures how
 * long a new version takes, not how old a replayed one is.
 */
final class EnrichedProbe implements FixedKeyProcessor<String, ArticleEnriched, ArticleEnriched> {

    private final PipelineMetrics metrics;
    private FixedKeyProcessorContext<String, ArticleEnriched> context;

    EnrichedProbe(PipelineMetrics metrics) {
        this.metrics = metrics;
    }

    @Override
    public void init(FixedKeyProcessorContext<String, ArticleEnriched> context) {
        this.context = context;
    }

    @Override
    public void process(FixedKeyRecord<String, ArticleEnriched> record) {
        ArticlePublished article = record.value().getArticle();
        boolean replay = context.recordMetadata()
            .map(metadata -> Topics.ENRICH_REPLAY.name().equals(metadata.topic())).orElse(false);
        if (replay) {
            metrics.count("re-enriched");
        } else {
            metrics.count(article.getPubStatus() == PubStatus.canceled ? "killed" : "enriched");
            metrics.reached(PipelineMetrics.STAGE_ENRICHED, article.getIngestedAt(), article.getPublishedAt(),
                Instant.ofEpochMilli(context.currentSystemTimeMs()));
        }
        context.forward(record);
    }
}
