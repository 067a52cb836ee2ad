package io.newsflow.feed.store;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import io.newsflow.schemas.ArticleEnriched;
import io.newsflow.schemas.ArticlePublished;
import io.newsflow.schemas.EntityMention;
import org.apache.kafka.common.utils.Bytes;

/**
 * Keys of the secondary feed index: {@code <facet>:<term>}, a 0x00 separator, then the story's
 * {@link TimelineKey}. All stories with one term are therefore one contiguous, newest-first range, and a
 * filtered page is a range scan, exactly like the unfiltered timeline.
 */
public final class IndexKeys {

    /** The facets a feed can be filtered by. */
    public enum Facet {
        TAG("t"), ENTITY("e"), SOURCE("s"), LANGUAGE("l"), URGENCY("u");

        private final String code;

        Facet(String code) {
            this.code = code;
        }
    }

    private static final byte SEPARATOR = 0x00;

    private IndexKeys() {
    }

    /** The prefix of every index key for one facet term. */
    public static Bytes prefix(Facet facet, String term) {
        byte[] text = (facet.code + ":" + normalize(term)).getBytes(StandardCharsets.UTF_8);
        return Bytes.wrap(ByteBuffer.allocate(text.length + 1).put(text).put(SEPARATOR).array());
    }

    /** The first key after every key starting with {@code prefix}, as an inclusive upper bound for range scans. */
    public static Bytes upperBound(Bytes prefix) {
        byte[] bound = prefix.get().clone();
        bound[bound.length - 1] = (byte) (SEPARATOR + 1);
        return Bytes.wrap(bound);
    }

    public static Bytes key(Bytes prefix, Bytes timelineKey) {
        return Bytes.wrap(ByteBuffer.allocate(prefix.get().length + timelineKey.get().length)
            .put(prefix.get()).put(timelineKey.get()).array());
    }

    /** The timeline part of an index key (what cursors carry). */
    public static Bytes timelinePart(Bytes indexKey) {
        byte[] raw = indexKey.get();
        for (int i = 0; i < raw.length; i++) {
            if (raw[i] == SEPARATOR) {
                return Bytes.wrap(java.util.Arrays.copyOfRange(raw, i + 1, raw.length));
            }
        }
        throw new IllegalArgumentException("not an index key");
    }

    /** Every index prefix a story belongs under. */
    public static List<Bytes> prefixesOf(ArticleEnriched story) {
        ArticlePublished a = story.getArticle();
        Set<Bytes> prefixes = new LinkedHashSet<>();
        prefixes.add(prefix(Facet.SOURCE, a.getSource()));
        prefixes.add(prefix(Facet.LANGUAGE, a.getLanguage()));
        prefixes.add(prefix(Facet.URGENCY, String.valueOf(a.getUrgency())));
        story.getTags().forEach(tag -> prefixes.add(prefix(Facet.TAG, tag)));
        for (EntityMention mention : story.getEntities()) {
            prefixes.add(prefix(Facet.ENTITY, mention.getEntityId()));
        }
        return new ArrayList<>(prefixes);
    }

    static String normalize(String term) {
        return term.trim().toLowerCase(Locale.ROOT);
    }
}
