package io.newsflow.feed.store;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import io.newsflow.schemas.ArticleEnriched;
import io.newsflow.schemas.ArticlePublished;
import io.newsflow.schemas.EntityMention;

/**
 * Terms of the secondary feed index: {@code <facet>:<term>}, e.g. {@code e:q1396} or {@code u:1}. The index
 * ({@link FeedIndexStore}) keeps, per term, the timeline keys of the stories under it, newest first, so a
 * filtered page is a walk from the cursor on, exactly like the unfiltered timeline.
 */
public final class IndexTerms {

    /** The facets a feed can be filtered by. */
    public enum Facet {
        TAG("t"), ENTITY("e"), SOURCE("s"), LANGUAGE("l"), URGENCY("u");

        private final String code;

        Facet(String code) {
            this.code = code;
        }
    }

    private IndexTerms() {
    }

    /** The index term of one facet value; values compare without case or surrounding space. */
    public static String term(Facet facet, String value) {
        return facet.code + ":" + value.trim().toLowerCase(Locale.ROOT);
    }

    /** Every term a story is indexed under. */
    public static List<String> termsOf(ArticleEnriched story) {
        ArticlePublished a = story.getArticle();
        List<String> entityIds = new ArrayList<>(story.getEntities().size());
        for (EntityMention mention : story.getEntities()) {
            entityIds.add(mention.getEntityId());
        }
        return termsOf(a.getSource(), a.getLanguage(), a.getUrgency(), story.getTags(), entityIds);
    }

    /** Every term of a story with these values, in the order {@link #termsOf(ArticleEnriched)} gives them. */
    public static List<String> termsOf(String source, String language, int urgency, List<String> tags, List<String> entityIds) {
        Set<String> terms = new LinkedHashSet<>();
        terms.add(term(Facet.SOURCE, source));
        terms.add(term(Facet.LANGUAGE, language));
        terms.add(term(Facet.URGENCY, String.valueOf(urgency)));
        tags.forEach(tag -> terms.add(term(Facet.TAG, tag)));
        entityIds.forEach(id -> terms.add(term(Facet.ENTITY, id)));
        return new ArrayList<>(terms);
    }
}
