package io.newsflow.linking.evaluation;

import io.newsflow.linking.EntityType;
import java.util.Objects;

/**
  * One labelled mention in a gold article: the exact text, the English Wikipedia title of its referent and its
  * entity class, as in the {@code gold_entities} list of the corpus JSONL format.
  */
public record GoldMention(String surface, String canonical, EntityType type) {
    public GoldMention {
        Objects.requireNonNull(surface, "surface");
        Objects.requireNonNull(canonical, "canonical");
        Objects.requireNonNull(type, "type");
        if (surface.isEmpty()) {
            throw new IllegalArgumentException("empty gold surface");
        }
    }
}
