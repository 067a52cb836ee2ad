package io.newsflow.linking;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import io.newsflow.linking.PhraseIndex.Phrase;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
  * Suggests 2–4 topic labels from the linked entities and a few keywords, using the rules in
  * {@value #DEFAULT_RESOURCE}.
  *
  * <p>Each rule scores a story: one point per mention of a listed entity and per keyword occurrence (each
  * keyword counted at most twice so one repeated word cannot carry a topic), doubled in the headline. Rules
  * reaching their {@code minScore} qualify, best first; a broad rule (a top-level IPTC subject such as "politics")
  * only where no narrower chosen rule has its code. If fewer than two qualify, narrower rules at half their minimum,
  * the countries of the most-mentioned places, the broad subjects that scored and then any narrower rule that scored
  * fill up, so feeds nearly always get something to facet on.
  */
final class TopicTagger {

    static final String DEFAULT_RESOURCE = "/newsflow/tags/topics.json";
    static final int MIN_TAGS = 2;
    static final int MAX_TAGS = 4;
    private static final double DEFAULT_MIN_SCORE = 3.0;

    /**
      * One topic rule.
      *
      * @param label lowercase label emitted as the tag
      * @param iptc IPTC Media Topic code, or null where no code is a confident fit
      * @param entities dictionary ids whose mentions count towards the topic
      * @param keywords words or phrases (a trailing {@code *} matches word prefixes), demonyms included
      * @param minScore score needed to qualify
      * @param broad a top-level IPTC subject ("politics", "health"): it stands back when a narrower rule with the
      *     same code is chosen ("us politics"), and fills up after the countries
      */
    record TopicRule(String label, String iptc, List<String> entities, List<String> keywords, Double minScore,
            boolean broad) {
        TopicRule {
            entities = entities == null ? List.of() : List.copyOf(entities);
            keywords = keywords == null ? List.of() : List.copyOf(keywords);
        }

        double threshold() {
            return minScore == null ? DEFAULT_MIN_SCORE : minScore;
        }
    }

    private record RuleFile(List<TopicRule> topics) {}

    private final List<TopicRule> rules;
    /** Per rule, its keywords as phrases of the linker's index, which finds them all in one pass per story. */
    private final Phrase[][] keywords;
    /**
      * Entity id to the rules listing it, once per listing: a story's mentions then score only their own rules
      * instead of every rule looking up every entity it lists.
      */
    private final Map<String, int[]> rulesByEntity;

    /**
      * @param phrases the linker's phrase index under construction; the keywords are registered in it, and
      *     {@link #tag} reads their occurrences from a {@link StoryContext} of the same linker
      */
    TopicTagger(List<TopicRule> rules, PhraseIndex.Builder phrases) {
        this.rules = List.copyOf(rules);
        this.keywords = new Phrase[this.rules.size()][];
        Map<String, List<Integer>> rulesById = new HashMap<>();
        for (int i = 0; i < keywords.length; i++) {
            keywords[i] = phrases.phrases(this.rules.get(i).keywords());
            for (String id : this.rules.get(i).entities()) {
                rulesById.computeIfAbsent(id, k -> new java.util.ArrayList<>()).add(i);
            }
        }
        Map<String, int[]> index = new HashMap<>();
        rulesById.forEach((id, list) -> index.put(id, list.stream().mapToInt(Integer::intValue).toArray()));
        this.rulesByEntity = Map.copyOf(index);
    }

    static List<TopicRule> loadDefaultRules() {
        try (InputStream in = TopicTagger.class.getResourceAsStream(DEFAULT_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("missing classpath resource " + DEFAULT_RESOURCE);
            }
            ObjectMapper mapper =
                    new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, true);
            return mapper.readValue(in, RuleFile.class).topics();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    List<TopicRule> rules() {
        return rules;
    }

    List<String> tag(StoryContext story, List<Mention> mentions, Dictionary dictionary) {
        // Indexed like the rules: no map look-up (which would hash each record's lists) and no boxing.
        double[] scores = new double[rules.size()];
        for (Mention m : mentions) {
            int[] listing = rulesByEntity.get(m.entityId());
            if (listing != null) {
                int weight = m.field() == TextField.HEADLINE ? 2 : 1;
                for (int r : listing) {
                    scores[r] += weight;
                }
            }
        }
        for (int r = 0; r < rules.size(); r++) {
            double score = 0;
            for (Phrase keyword : keywords[r]) {
                int[] hits = story.occurrences(keyword);
                if (hits.length > 0) {
                    score += 2 * Math.min(2, story.countIn(TextField.HEADLINE, keyword, hits));
                    score += Math.min(2, story.countIn(TextField.BODY, keyword, hits));
                }
            }
            scores[r] += score;
        }
        // Best first, equal scores in resource order (so the file also expresses precedence): the rules that scored,
        // stably sorted by score, then the rest in resource order. Scores are never negative.
        int[] scoring = new int[scores.length];
        int scored = 0;
        for (int r = 0; r < scores.length; r++) {
            if (scores[r] > 0) {
                int at = scored++;
                while (at > 0 && scores[scoring[at - 1]] < scores[r]) {
                    scoring[at] = scoring[at - 1];
                    at--;
                }
                scoring[at] = r;
            }
        }

        Set<String> tags = new LinkedHashSet<>();
        Set<String> codes = new HashSet<>();
        // 1. Narrower rules that qualify, best first; then broad subjects that qualify and add a code.
        for (int k = 0; k < scored; k++) {
            TopicRule rule = rules.get(scoring[k]);
            if (!rule.broad() && scores[scoring[k]] >= rule.threshold()) {
                add(tags, codes, rule, MAX_TAGS);
            }
        }
        for (int k = 0; k < scored; k++) {
            TopicRule rule = rules.get(scoring[k]);
            if (rule.broad() && scores[scoring[k]] >= rule.threshold() && !codes.contains(rule.iptc())) {
                add(tags, codes, rule, MAX_TAGS);
            }
        }
        // 2. Fewer than two: narrower rules that reached half their minimum, then the countries of the places
        // mentioned most, then the broad subjects that scored, and last any narrower rule that scored: a weak hint of
        // a narrow topic ("troops" for the Russia-Ukraine war) is worse than a true broad one.
        for (int k = 0; k < scored; k++) {
            TopicRule rule = rules.get(scoring[k]);
            if (!rule.broad() && 2 * scores[scoring[k]] >= rule.threshold()) {
                add(tags, codes, rule, MIN_TAGS);
            }
        }
        if (tags.size() < MIN_TAGS) {
            Map<String, Integer> weightById = new HashMap<>();
            for (Mention m : mentions) {
                weightById.merge(m.entityId(), m.field() == TextField.HEADLINE ? 2 : 1, Integer::sum);
            }
            weightById.entrySet().stream()
                    .sorted(Map.Entry.<String, Integer>comparingByValue().reversed().thenComparing(Map.Entry::getKey))
                    .flatMap(e -> dictionary.countryOf(e.getKey()).stream())
                    .map(country -> country.canonical().toLowerCase(Locale.ROOT))
                    .forEach(label -> {
                        if (tags.size() < MIN_TAGS) {
                            tags.add(label);
                        }
                    });
        }
        for (int k = 0; k < scored; k++) {
            TopicRule rule = rules.get(scoring[k]);
            if (rule.broad() && !codes.contains(rule.iptc())) {
                add(tags, codes, rule, MIN_TAGS);
            }
        }
        for (int k = 0; k < scored; k++) {
            TopicRule rule = rules.get(scoring[k]);
            if (!rule.broad()) {
                add(tags, codes, rule, MIN_TAGS);
            }
        }
        return List.copyOf(tags);
    }

    private static void add(Set<String> tags, Set<String> codes, TopicRule rule, int upTo) {
        if (tags.size() < upTo && tags.add(rule.label()) && rule.iptc() != null) {
            codes.add(rule.iptc());
        }
    }
}
