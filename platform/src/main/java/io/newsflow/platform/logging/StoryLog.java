package io.newsflow.platform.logging;

import org.slf4j.MDC;

/**
 * Puts the story a thread is working on into the SLF4J MDC, as {@value #STORY_ID} and {@value #VERSION}, so
 * that every log line written meanwhile names it: the text layout prints {@code storyId=… version=…}, the
 * JSON layout renders both as fields.
 *
 * <pre>{@code
 * try (StoryLog.Scope story = StoryLog.story(article.getId(), article.getVersion())) {
 *     log.info("enriched");   // carries storyId and version
 * }                           // and the next record on this thread does not
 * }</pre>
 *
 * Closing a scope restores what the MDC held before it, so scopes nest (an HTTP handler around a Streams
 * processor's helper, a processor around the enricher it forwards to) and nothing leaks onto the next record
 * a pooled or stream thread handles.
 */
public final class StoryLog {

    public static final String STORY_ID = "storyId";
    public static final String VERSION = "version";

    private StoryLog() {
    }

    /** A scope naming the story and, if known, its version ({@code null} leaves the version out). */
    public static Scope story(String storyId, Integer version) {
        Scope scope = new Scope(MDC.get(STORY_ID), MDC.get(VERSION));
        put(STORY_ID, storyId);
        put(VERSION, version == null ? null : version.toString());
        return scope;
    }

    /** A scope naming the story only, its version not yet known (a kill before the ledger decides it). */
    public static Scope story(String storyId) {
        return story(storyId, null);
    }

    private static void put(String key, String value) {
        if (value == null) {
            MDC.remove(key);
        } else {
            MDC.put(key, value);
        }
    }

    /** The MDC as it was before {@link #story}; restored on {@link #close()}. */
    public static final class Scope implements AutoCloseable {
        private final String previousStoryId;
        private final String previousVersion;

        private Scope(String previousStoryId, String previousVersion) {
            this.previousStoryId = previousStoryId;
            this.previousVersion = previousVersion;
        }

        /** Adds the version once it is known, within this scope. */
        public Scope version(int version) {
            MDC.put(VERSION, Integer.toString(version));
            return this;
        }

        @Override
        public void close() {
            put(STORY_ID, previousStoryId);
            put(VERSION, previousVersion);
        }
    }
}
