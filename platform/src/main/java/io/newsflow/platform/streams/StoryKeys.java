package io.newsflow.platform.streams;

/**
 * The one invariant every Newsflow topic keeps: a record's key is the id of the story in its value. Partitioning,
 * per-story ordering and the newest-version guards all rest on it, so a record that breaks it (a foreign producer
 * writing straight to a topic, say) is refused with an exception, which sends it to the dead-letter topic, rather
 * than processed in the wrong partition.
 */
public final class StoryKeys {

    private StoryKeys() {
    }

    /** Returns {@code value} when {@code key} equals {@code storyId}, else throws {@link MisroutedStoryException}. */
    public static <V> V requireKeyIsStoryId(String key, String storyId, V value) {
        if (key == null || !key.equals(storyId)) {
            throw new MisroutedStoryException("record key '" + key + "' is not the story id '" + storyId
                + "': a story must be keyed by its id so all its versions share one partition");
        }
        return value;
    }

    /** A record keyed by something other than its story's id. */
    public static final class MisroutedStoryException extends IllegalArgumentException {
        public MisroutedStoryException(String message) {
            super(message);
        }
    }
}
