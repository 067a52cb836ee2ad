package io.newsflow.linking;

/**
  * One linked occurrence of a person, organisation or place in a story.
  *
  * @param field the story field the mention is in
  * @param surface the exact text of the mention, equal to {@code text.substring(start, end)}
  * @param start UTF-16 offset of the first char in the field's original text
  * @param end UTF-16 offset one past the last char (exclusive)
  * @param canonical English Wikipedia title of the referent
  * @param entityId stable dictionary id, e.g. {@code person:lloyd-austin}
  * @param type entity class of the referent
  * @param confidence 0..1, how clearly the winner beat the alternatives
  * @param evidence the alias, cues and score behind the decision
  */
public record Mention(
        TextField field,
        String surface,
        int start,
        int end,
        String canonical,
        String entityId,
        EntityType type,
        double confidence,
        Evidence evidence) {}
