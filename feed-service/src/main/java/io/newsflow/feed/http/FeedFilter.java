package io.newsflow.feed.http;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.stream.Stream;

import io.javalin.http.Context;
import io.newsflow.feed.store.IndexTerms;
import io.newsflow.feed.store.IndexTerms.Facet;
import io.newsflow.platform.http.ProblemException;
import io.newsflow.schemas.ArticleEnriched;

/**
 * The filters of {@code GET /feed} and {@code GET /feed/stream}: {@code tag}, {@code entity}, {@code source},
 * {@code lang} and {@code urgency} (one level, {@code 2}, or a range, {@code 1-3}). They combine with AND.
 * The most selective one picks the index term to walk; the others are checked on each story found.
 */
public record FeedFilter(Optional<String> tag, Optional<String> entity, Optional<String> source, Optional<String> language,
                         Optional<int[]> urgency) {

    public static final FeedFilter NONE = new FeedFilter(Optional.empty(), Optional.empty(), Optional.empty(),
        Optional.empty(), Optional.empty());

    public static FeedFilter from(Context ctx) {
        return new FeedFilter(param(ctx, "tag"), param(ctx, "entity"), param(ctx, "source"), param(ctx, "lang"),
            param(ctx, "urgency").map(FeedFilter::urgencyRange));
    }

    public FeedFilter withTag(String value) {
        return new FeedFilter(Optional.of(value), entity, source, language, urgency);
    }

    public FeedFilter withEntity(String value) {
        return new FeedFilter(tag, Optional.of(value), source, language, urgency);
    }

    /** The index terms to walk: none for the plain timeline. */
    public List<String> terms() {
        if (entity.isPresent()) {
            return List.of(IndexTerms.term(Facet.ENTITY, entity.get()));
        }
        if (tag.isPresent()) {
            return List.of(IndexTerms.term(Facet.TAG, tag.get()));
        }
        if (source.isPresent()) {
            return List.of(IndexTerms.term(Facet.SOURCE, source.get()));
        }
        if (urgency.isPresent()) {
            List<String> levels = new ArrayList<>();
            for (int level = urgency.get()[0]; level <= urgency.get()[1]; level++) {
                levels.add(IndexTerms.term(Facet.URGENCY, String.valueOf(level)));
            }
            return levels;
        }
        return language.map(lang -> List.of(IndexTerms.term(Facet.LANGUAGE, lang))).orElse(List.of());
    }

    /**
     * What the index terms of {@link #terms()} do not already guarantee: empty when at most one filter is
     * set (the timeline or that one index term answers it exactly), else the check of every filter, which needs
     * the whole story.
     */
    public Optional<Predicate<ArticleEnriched>> residual() {
        long set = Stream.of(tag, entity, source, language, urgency).filter(Optional::isPresent).count();
        return set <= 1 ? Optional.empty() : Optional.of(predicate());
    }

    /** Every filter as a check on one story, for live events and for the filters the index scan did not apply. */
    public Predicate<ArticleEnriched> predicate() {
        return story -> {
            var article = story.getArticle();
            return tag.map(t -> story.getTags().stream().anyMatch(x -> x.equalsIgnoreCase(t))).orElse(true)
                && entity.map(e -> story.getEntities().stream().anyMatch(m -> m.getEntityId().equalsIgnoreCase(e))).orElse(true)
                && source.map(s -> article.getSource().equalsIgnoreCase(s)).orElse(true)
                && language.map(l -> article.getLanguage().equalsIgnoreCase(l)).orElse(true)
                && urgency.map(r -> article.getUrgency() >= r[0] && article.getUrgency() <= r[1]).orElse(true);
        };
    }

    /** The filters as query parameters, for asking a peer instance the same question. */
    public String toQuery() {
        StringBuilder query = new StringBuilder();
        tag.ifPresent(v -> append(query, "tag", v));
        entity.ifPresent(v -> append(query, "entity", v));
        source.ifPresent(v -> append(query, "source", v));
        language.ifPresent(v -> append(query, "lang", v));
        urgency.ifPresent(r -> append(query, "urgency", r[0] + "-" + r[1]));
        return query.toString();
    }

    private static void append(StringBuilder query, String name, String value) {
        if (!query.isEmpty()) {
            query.append('&');
        }
        query.append(name).append('=').append(java.net.URLEncoder.encode(value, java.nio.charset.StandardCharsets.UTF_8));
    }

    private static Optional<String> param(Context ctx, String name) {
        return Optional.ofNullable(ctx.queryParam(name)).map(String::trim).filter(v -> !v.isEmpty());
    }

    private static int[] urgencyRange(String value) {
        String[] bounds = value.toLowerCase(Locale.ROOT).split("-", 2);
        try {
            int low = Integer.parseInt(bounds[0].trim());
            int high = bounds.length == 2 ? Integer.parseInt(bounds[1].trim()) : low;
            if (low < 1 || high > 9 || low > high) {
                throw new NumberFormatException();
            }
            return new int[] {low, high};
        } catch (NumberFormatException e) {
            throw ProblemException.badRequest("urgency must be a level 1-9 (1 = flash) or a range such as 1-3; got '" + value + "'");
        }
    }
}
