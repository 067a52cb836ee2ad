package io.newsflow.enrich;

import java.time.Clock;
import java.util.List;
import java.util.function.Supplier;

import io.newsflow.linking.EntityLinker;
import io.newsflow.linking.LinkingResult;
import io.newsflow.linking.Mention;
import io.newsflow.linking.StoryText;
import io.newsflow.platform.logging.StoryLog;
import io.newsflow.schemas.ArticleEnriched;
import io.newsflow.schemas.ArticlePublished;
import io.newsflow.schemas.EntityMention;
import io.newsflow.schemas.EntityType;
import io.newsflow.schemas.LinkEvidence;
import io.newsflow.schemas.PubStatus;
import io.newsflow.schemas.TextField;

/**
 * Runs the entity linker over one story version and packs its findings into {@code ArticleEnriched}.
 * Stateless and thread-safe, so Streams can call it from any task. While it works, the story's id and
 * version are in the MDC ({@link StoryLog}), so whatever the linker logs names the story.
 */
public final class ArticleEnricher {

    private final Supplier<EntityLinker> linker;
    private final Clock clock;

    /** @param linker the linker to use for each story, so a dictionary rebuilt meanwhile applies at once */
    public ArticleEnricher(Supplier<EntityLinker> linker, Clock clock) {
        this.linker = linker;
        this.clock = clock;
    }

    public ArticleEnriched enrich(ArticlePublished article) {
        try (StoryLog.Scope story = StoryLog.story(article.getId(), article.getVersion())) {
            return link(article);
        }
    }

    private ArticleEnriched link(ArticlePublished article) {
        if (article.getPubStatus() == PubStatus.canceled) {
            // A killed story must vanish everywhere; linking it would only create index entries to remove.
            return ArticleEnriched.newBuilder().setArticle(article).setEntities(List.of()).setTags(List.of())
                .setEnrichedAt(clock.instant()).build();
        }
        LinkingResult result = linker.get().link(new StoryText(article.getHeadline(), article.getBody(),
            article.getLanguage(), article.getPublishedAt()));
        List<EntityMention> mentions = result.mentions().stream().map(ArticleEnricher::toAvro).toList();
        return ArticleEnriched.newBuilder()
            .setArticle(article)
            .setEntities(mentions)
            .setTags(result.tags())
            .setEnrichedAt(clock.instant())
            .build();
    }

    private static EntityMention toAvro(Mention mention) {
        var evidence = mention.evidence();
        return EntityMention.newBuilder()
            .setField(mention.field() == io.newsflow.linking.TextField.HEADLINE ? TextField.HEADLINE : TextField.BODY)
            .setSurface(mention.surface())
            .setStart(mention.start())
            .setEnd(mention.end())
            .setCanonical(mention.canonical())
            .setEntityId(mention.entityId())
            .setType(EntityType.valueOf(mention.type().name()))
            .setConfidence(mention.confidence())
            .setEvidence(evidence == null ? null
                : new LinkEvidence(evidence.matchedAlias(), List.copyOf(evidence.cues()), evidence.score()))
            .build();
    }
}
