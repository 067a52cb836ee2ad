package io.newsflow.feed.store;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import io.newsflow.schemas.ArticlePublished;

/** Names the editorial fields that differ between two versions of a story, for the version chain. */
final class VersionChanges {

    private VersionChanges() {
    }

    static List<String> between(ArticlePublished previous, ArticlePublished next) {
        List<String> changed = new ArrayList<>();
        if (previous == null) {
            changed.add("first version");
            return changed;
        }
        compare(changed, "headline", previous.getHeadline(), next.getHeadline());
        compare(changed, "body", previous.getBody(), next.getBody());
        compare(changed, "byline", previous.getByline(), next.getByline());
        compare(changed, "labels", previous.getLabels(), next.getLabels());
        compare(changed, "urgency", previous.getUrgency(), next.getUrgency());
        compare(changed, "language", previous.getLanguage(), next.getLanguage());
        compare(changed, "embargoUntil", previous.getEmbargoUntil(), next.getEmbargoUntil());
        compare(changed, "publishedAt", previous.getPublishedAt(), next.getPublishedAt());
        compare(changed, "pubStatus", previous.getPubStatus(), next.getPubStatus());
        if (next.getDisplayAt() != null && !Objects.equals(slot(previous), slot(next))) {
            changed.add("re-topped");
        }
        return changed;
    }

    static java.time.Instant slot(ArticlePublished article) {
        return article.getDisplayAt() != null ? article.getDisplayAt() : article.getPublishedAt();
    }

    private static void compare(List<String> changed, String field, Object before, Object after) {
        if (!Objects.equals(before, after)) {
            changed.add(field);
        }
    }
}
