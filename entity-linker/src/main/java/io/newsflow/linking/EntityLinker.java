package io.newsflow.linking;

import io.newsflow.linking.AliasMatcher.Match;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
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

    private EntityLinker(Dictionary dictionary, TopicTagger tagger, List<String> blockers) {
        this.dictionary = dictionary;
        Map<String, AliasMatcher> matchers = new HashMap<>();
        matchers.put(FALLBACK_LANGUAGE, AliasMatcher.build(dictionary.entries(), FALLBACK_LANGUAGE, blockers));
        for (String language : dictionary.localisedLanguages()) {
            matchers.computeIfAbsent(language, l -> AliasMatcher.build(dictionary.entries(), l, blockers));
        }
        this.matchersByLanguage = Map.copyOf(matchers);
        this.disambiguator = new Disambiguator(dictionary);
        this.tagger = tagger;
        this.unlistedPeople = UnlistedPersonSpotter.loadDefault();
    }

    /** Builds a linker over the dictionary with the bundled topic rules. */
    public static EntityLinker create(Dictionary dictionary) {
        return new EntityLinker(Objects.requireNonNull(dictionary, "dictionary"), TopicTagger.loadDefault(),
                loadBlockers());
    }

    /** Phrases that contain a name but are not mentions of it; one per line, '#' starts a comment. */
    private static List<String> loadBlockers() {
        try (InputStream in = EntityLinker.class.getResourceAsStream(BLOCKERS_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("missing classpath resource " + BLOCKERS_RESOURCE);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
                    .map(String::strip)
                    .filter(l -> !l.isEmpty() && !l.startsWith("#"))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Dictionary dictionary() {
        return dictionary;
    }

    /** Links one story: headline mentions first, then body, each in order of appearance. */
    public LinkingResult link(StoryText story) {
        Objects.requireNonNull(story, "story");
        AliasMatcher matcher =
                matchersByLanguage.getOrDefault(story.language(), matchersByLanguage.get(FALLBACK_LANGUAGE));
        Map<TextField, List<Match>> matches = new EnumMap<>(TextField.class);
        for (TextField field : TextField.values()) {
            matches.put(field, matcher.find(story.text(field)));
        }
        StoryContext context = new StoryContext(story, matches);
        List<Mention> mentions = new ArrayList<>();
        for (TextField field : TextField.values()) {
            for (Match match : matches.get(field)) {
                disambiguator.resolve(context, field, match).ifPresent(mentions::add);
            }
        }
        List<Mention> unlisted = unlistedPeople.spot(story, mentions);
        if (!unlisted.isEmpty()) {
            mentions.addAll(unlisted);
            mentions.sort(Comparator.comparing(Mention::field).thenComparingInt(Mention::start));
        }
        return new LinkingResult(mentions, tagger.tag(story, mentions, dictionary));
    }
}
