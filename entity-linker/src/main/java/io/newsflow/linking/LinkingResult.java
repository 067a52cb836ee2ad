package io.newsflow.linking;

import java.util.List;

/**
  * Output of {@link EntityLinker#link(StoryText)}.
  *
  * @param mentions headline mentions first, then body mentions, each in order of appearance
  * @param tags 2–4 lowercase topic labels (fewer only when the story gives nothing to go on)
  */
public record LinkingResult(List<Mention> mentions, List<String> tags) {
    public LinkingResult {
        mentions = List.copyOf(mentions);
        tags = List.copyOf(tags);
    }
}
