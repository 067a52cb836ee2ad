package io.newsflow.linking;

import io.newsflow.linking.AliasMatcher.Match;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
  * Links person, organisation and place mentions in a story to dictionary identities and suggests topic tags.
  *
  * <p>All expensive work (one Aho-Corasick automaton per dictionary language, tag rules) happens in
  * {@link #create}; {@link #link} only reads shared immutable state and keeps per-story state on the stack,
  * so one instance can serve every stream thread. Output depends only on the dictionary and the story.
  */
public final class EntityLinker {

    /** Language whose automaton is used when a story's language has no aliases of its own. */
    private static final String FALLBACK_LANGUAGE = "en";

    /** Classpath location of the non-entity phrase list. */
    static final String BLOCKERS_RESOURCE = "/newsflow/dictionary/non-entity-phrases.txt";

    private final Dictionary dictionary;
    private final Map<String, AliasMatcher> matchersByLanguage;
    private final Disambiguator disambiguator;
    private final TopicTagger tagger;
    private final UnlistedPersonSpotter unlistedPeople;

    private final PhraseIndex phrases;

    private EntityLinker(Dictionary dictionary, List<TopicTagger.TopicRule> topicRules, List<String> blockers) {
        this.dictionary = dictionary;
        // Scoring and tagging register the phrases they look for; the alias automata find them in the same pass
        // as the aliases.
        PhraseIndex.Builder phraseBuilder = new PhraseIndex.Builder();
        this.disambiguator = new Disambiguator(dictionary, phraseBuilder);
        this.tagger = new TopicTagger(topicRules, phraseBuilder);
        this.phrases = phraseBuilder.build();
        Map<String, Integer> needles = phrases.needles();
        Map<String, AliasMatcher> matchers = new HashMap<>();
        matchers.put(FALLBACK_LANGUAGE,
                AliasMatcher.build(dictionary.entries(), FALLBACK_LANGUAGE, blockers, needles));
        for (String language : dictionary.localisedLanguages()) {
            matchers.computeIfAbsent(language, l -> AliasMatcher.build(dictionary.entries(), l, blockers, needles));
        }
        this.matchersByLanguage = Map.copyOf(matchers);
        this.unlistedPeople = UnlistedPersonSpotter.loadDefault();
    }

    /** Builds a linker over the dictionary with the bundled topic rules. */
    public static EntityLinker create(Dictionary dictionary) {
        return new EntityLinker(Objects.requireNonNull(dictionary, "dictionary"), TopicTagger.loadDefaultRules(),
                loadBlockers());
    }

    /** Phrases that contain a name but are not mentions of it; one per line, '#' starts a comment. */
    static List<String> loadBlockers() {
        return ResourceLines.read(BLOCKERS_RESOURCE);
    }

    private static final Comparator<Mention> FIELD_ORDER =
            Comparator.comparing(Mention::field).thenComparingInt(Mention::start);

    /**
      * {@code linked} followed by {@code unlisted}, stably sorted by field and start. Both are normally in that order
      * already, so a merge does it (linked first on equal keys, as a stable sort would); otherwise they are sorted.
      */
    private static List<Mention> mergeInOrder(List<Mention> linked, List<Mention> unlisted) {
        List<Mention> all = new ArrayList<>(linked.size() + unlisted.size());
        if (!inOrder(linked) || !inOrder(unlisted)) {
            all.addAll(linked);
            all.addAll(unlisted);
            all.sort(FIELD_ORDER);
            return all;
        }
        int i = 0;
        int j = 0;
        while (i < linked.size() && j < unlisted.size()) {
            // take from unlisted only when strictly before: ties keep linked first
            if (FIELD_ORDER.compare(unlisted.get(j), linked.get(i)) < 0) {
                all.add(unlisted.get(j++));
            } else {
                all.add(linked.get(i++));
            }
        }
        while (i < linked.size()) {
            all.add(linked.get(i++));
        }
        while (j < unlisted.size()) {
            all.add(unlisted.get(j++));
        }
        return all;
    }

    private static boolean inOrder(List<Mention> mentions) {
        for (int k = 1; k < mentions.size(); k++) {
            if (FIELD_ORDER.compare(mentions.get(k - 1), mentions.get(k)) > 0) {
                return false;
            }
        }
        return true;
    }

    public Dictionary dictionary() {
        return dictionary;
    }

    /** Links one story: headline mentions first, then body, each in order of appearance. */
    public LinkingResult link(StoryText story) {
        Objects.requireNonNull(story, "story");
        AliasMatcher matcher =
                matchersByLanguage.getOrDefault(story.language(), matchersByLanguage.get(FALLBACK_LANGUAGE));
        // Each field is folded once and shared by the matcher and the story context.
        char[] headline = TextNormalizer.foldToChars(story.headline());
        char[] body = TextNormalizer.foldToChars(story.body());
        PhraseIndex.Hits phraseHits = phrases.newHits();
        List<Match> headlineMatches = matcher.find(story.headline(), headline, phraseHits, 0);
        List<Match> bodyMatches = matcher.find(story.body(), body, phraseHits, headline.length + 1);
        StoryContext context =
                new StoryContext(story, headline, body, headlineMatches, bodyMatches, phrases, phraseHits);
        List<Mention> mentions = new ArrayList<>();
        for (Match match : headlineMatches) {
            disambiguator.resolve(context, TextField.HEADLINE, match).ifPresent(mentions::add);
        }
        for (Match match : bodyMatches) {
            disambiguator.resolve(context, TextField.BODY, match).ifPresent(mentions::add);
        }
        List<Mention> unlisted = unlistedPeople.spot(story, mentions);
        if (!unlisted.isEmpty()) {
            mentions = mergeInOrder(mentions, unlisted);
        }
        return new LinkingResult(mentions, tagger.tag(context, mentions, dictionary));
    }
}
