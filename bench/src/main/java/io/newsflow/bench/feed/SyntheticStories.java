package io.newsflow.bench.feed;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.SplittableRandom;

import io.newsflow.schemas.ArticleEnriched;
import io.newsflow.schemas.ArticlePublished;
import io.newsflow.schemas.EntityMention;
import io.newsflow.schemas.EntityType;
import io.newsflow.schemas.PubStatus;
import io.newsflow.schemas.TextField;

/**
 * A deterministic stream of enriched stories shaped like the real ones: a 50–90 character headline, a body of
 * about 1–1.5 KB, 3–6 entity mentions and 2–4 tags. Story {@code n} is the same in every run and every JVM, so the
 * feed-service load and the Redis load hold exactly the same data.
 *
 * <p>Entities follow a skewed (Zipf-like) popularity, as in news: a few are everywhere, most are rare. Story
 * {@code n} is published {@code n} seconds after {@link #FIRST_PUBLISHED}, so no two stories share a timestamp
 * and both stores order them the same way without a tie-break.
 */
public final class SyntheticStories {

    static final Instant FIRST_PUBLISHED = Instant.parse("2026-01-01T00:00:00Z");
    static final int ENTITY_COUNT = 5_000;
    /** The entity filtered on by the benchmark: the 20th most popular one, in roughly 1 % of stories. */
    static final int BENCHMARK_ENTITY_RANK = 20;

    private static final String[] SOURCES = {"reuters", "ap", "ukrinform", "bbc", "guardian", "kyiv-independent", "afp", "dpa"};
    private static final String[] TAGS = {"politics", "war", "economy", "energy", "diplomacy", "technology", "health", "sport",
        "culture", "climate", "elections", "markets", "transport", "justice", "education", "science"};
    private static final String[] LABELS = {"Exclusive", "Opinion", "Updated", "Review"};
    private static final EntityType[] TYPES = {EntityType.PERSON, EntityType.ORG, EntityType.PLACE};
    private static final String[] WORDS = ("the government said on monday that talks with regional officials would continue "
        + "after a week of negotiations over energy prices and the budget for next year while analysts warned that "
        + "inflation could rise again as markets reacted to the central bank decision to hold interest rates steady "
        + "residents of the city reported power cuts during the night and emergency services were deployed to restore "
        + "supplies ministers are expected to meet again in brussels where a new package of measures will be discussed "
        + "according to people familiar with the matter the agreement includes funding for infrastructure schools and "
        + "hospitals opposition leaders criticised the plan saying it lacked detail and came too late for farmers").split(" ");

    private SyntheticStories() {
    }

    /** Story number {@code n} (0-based); later numbers are newer. */
    public static ArticleEnriched story(long n) {
        SplittableRandom random = new SplittableRandom(0x5EEDL * 31 + n);
        Instant publishedAt = publishedAt(n);
        String headline = capitalize(words(random, 8 + random.nextInt(5)));
        StringBuilder body = new StringBuilder(1_600);
        int targetLength = 1_000 + random.nextInt(500);
        while (body.length() < targetLength) {
            body.append(capitalize(words(random, 12 + random.nextInt(10)))).append(". ");
            if (random.nextInt(5) == 0) {
                body.append("\n\n");
            }
        }
        String id = storyId(n);
        List<String> labels = random.nextInt(8) == 0 ? List.of(LABELS[random.nextInt(LABELS.length)]) : List.of();
        ArticlePublished article = ArticlePublished.newBuilder()
            .setId(id)
            .setVersion(1)
            .setSource(SOURCES[random.nextInt(SOURCES.length)])
            .setLanguage(random.nextInt(5) == 0 ? "uk" : "en")
            .setHeadline(headline)
            .setBody(body.toString().strip())
            .setByline("Staff reporter " + random.nextInt(200))
            .setLabels(labels)
            .setUrgency(3 + random.nextInt(5))
            .setPubStatus(PubStatus.usable)
            .setPublishedAt(publishedAt)
            .setIngestedAt(publishedAt.plusMillis(40))
            .setDisplayAt(null)
            .build();
        return ArticleEnriched.newBuilder()
            .setArticle(article)
            .setEntities(mentions(random, body.length()))
            .setTags(tags(random))
            .setEnrichedAt(publishedAt.plusMillis(90))
            .build();
    }

    public static String storyId(long n) {
        return String.format(Locale.ROOT, "bench-%07d", n);
    }

    public static Instant publishedAt(long n) {
        return FIRST_PUBLISHED.plusSeconds(n);
    }

    public static String entityId(int rank) {
        return "Q" + (100_000 + rank);
    }

    /** The entity of the benchmark's filtered URL. */
    public static String benchmarkEntity() {
        return entityId(BENCHMARK_ENTITY_RANK);
    }

    private static List<EntityMention> mentions(SplittableRandom random, int bodyLength) {
        int count = 3 + random.nextInt(4);
        Set<Integer> ranks = new LinkedHashSet<>();
        while (ranks.size() < count) {
            ranks.add(skewedRank(random));
        }
        List<EntityMention> mentions = new ArrayList<>(count);
        for (int rank : ranks) {
            int start = random.nextInt(Math.max(1, bodyLength - 40));
            String name = "Entity " + rank;
            mentions.add(EntityMention.newBuilder()
                .setField(TextField.BODY)
                .setSurface(name)
                .setStart(start)
                .setEnd(start + name.length())
                .setCanonical(name)
                .setEntityId(entityId(rank))
                .setType(TYPES[rank % TYPES.length])
                .setConfidence(0.7 + random.nextDouble() * 0.3)
                .setEvidence(null)
                .build());
        }
        return mentions;
    }

    /** 1..ENTITY_COUNT, rank r drawn with probability about proportional to 1/r. */
    private static int skewedRank(SplittableRandom random) {
        double u = random.nextDouble();
        return (int) Math.min(ENTITY_COUNT, Math.floor(Math.exp(u * Math.log(ENTITY_COUNT + 1.0))));
    }

    private static List<String> tags(SplittableRandom random) {
        Set<String> tags = new LinkedHashSet<>();
        int count = 2 + random.nextInt(3);
        while (tags.size() < count) {
            tags.add(TAGS[random.nextInt(TAGS.length)]);
        }
        return List.copyOf(tags);
    }

    private static String words(SplittableRandom random, int count) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < count; i++) {
            if (i > 0) {
                text.append(' ');
            }
            text.append(WORDS[random.nextInt(WORDS.length)]);
        }
        return text.toString();
    }

    private static String capitalize(String text) {
        return Character.toUpperCase(text.charAt(0)) + text.substring(1);
    }
}
