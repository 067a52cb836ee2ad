package io.newsflow.linking.evaluation;

import java.util.List;

/**
  * Errors sharing a kind, surface, gold canonical and predicted canonical, e.g. every {@code Kyiv} that should
  * have been {@code Ukraine} but was linked to {@code Kyiv}.
  *
  * @param kind the error kind
  * @param surface the mention text
  * @param goldCanonical gold canonical, null for spurious predictions
  * @param predictedCanonical predicted canonical, null for misses
  * @param count how many occurrences
  * @param articles ids of the articles involved, in first-seen order, without repeats
  * @param example the first occurrence, for its context snippet
  */
public record ErrorGroup(
        LinkingError.Kind kind,
        String surface,
        String goldCanonical,
        String predictedCanonical,
        int count,
        List<String> articles,
        LinkingError example) {

    public ErrorGroup {
        articles = List.copyOf(articles);
    }

    /** FP + FN this group costs the main score: the ranking key for "worst errors". */
    public int impact() {
        return count * kind.cost();
    }
}
