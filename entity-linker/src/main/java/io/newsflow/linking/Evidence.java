package io.newsflow.linking;

import java.util.List;

/**
  * Why a mention was linked the way it was, so an editor (or a failing test) can see the reasoning.
  *
  * @param matchedAlias the dictionary alias that matched the text
  * @param cues human-readable signals that contributed to the winning score, in the order they were applied
  * @param score the winning candidate's raw score (unbounded; see {@link Mention#confidence()} for 0..1)
  */
public record Evidence(String matchedAlias, List<String> cues, double score) {
    public Evidence {
        cues = List.copyOf(cues);
    }
}
