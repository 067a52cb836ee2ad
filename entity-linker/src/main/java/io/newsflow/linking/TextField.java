package io.newsflow.linking;

/** Which part of a story a {@link Mention} was found in; offsets are relative to that field's text. */
public enum TextField {
    HEADLINE,
    BODY
}
