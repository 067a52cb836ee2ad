package io.newsflow.linking;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
  * One curated identity the linker can resolve mentions to.
  *
  * @param id stable slug, {@code person:…}, {@code org:…} or {@code place:…}; never reused for another referent
  * @param canonical English Wikipedia title
  * @param type coarse entity class
  * @param kind finer class that drives context heuristics: {@code country}, {@code state}, {@code region},
  *     {@code city}, {@code water}, {@code facility}, {@code building}, {@code vessel}, {@code organisation},
  *     {@code person}
  * @param aliases language-neutral surface forms (names, spellings, transliterations, abbreviations); matched
  *     whole-word, and any capital letter in an alias must be capital in the text
  * @param localAliases extra surface forms per story language (ISO 639-1), e.g. inflected Ukrainian forms
  * @param surnames forms that may stand alone for a person once supported by context; for people the loader
  *     derives them from multi-word aliases unless the dictionary lists them (an empty list disables it)
  * @param knownBySurname the bare surname is common currency in the news ("Zelenskyy", "Putin"), so it needs
  *     less context to link
  * @param cues words or phrases whose presence in the story supports this reading
  * @param roles time-scoped offices held (people only)
  * @param prior 0..1 salience for this beat when context says nothing (think population or news frequency)
  * @param metonymOf for capitals: the id of the state the city stands for when used as its government
  * @param partOf id of the enclosing region ("place:texas" for Austin, Texas); "Austin, Texas" in the text or
  *     Texas named elsewhere in the story supports this reading
  * @param shortForms elliptical names valid only after "the" in a story that already points at this entity
  *     through its cues ("the North" for North Korea in a Korea story)
  */
public record DictionaryEntry(
        String id,
        String canonical,
        EntityType type,
        String kind,
        List<String> aliases,
        Map<String, List<String>> localAliases,
        List<String> surnames,
        boolean knownBySurname,
        List<String> cues,
        List<Role> roles,
        double prior,
        String metonymOf,
        String partOf,
        List<String> shortForms) {

    public DictionaryEntry {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(canonical, "canonical");
        Objects.requireNonNull(type, "type");
        kind = kind == null ? defaultKind(type) : kind;
        aliases = aliases == null ? List.of() : List.copyOf(aliases);
        localAliases = localAliases == null ? Map.of() : Map.copyOf(localAliases);
        surnames = surnames == null ? List.of() : List.copyOf(surnames);
        cues = cues == null ? List.of() : List.copyOf(cues);
        roles = roles == null ? List.of() : List.copyOf(roles);
        shortForms = shortForms == null ? List.of() : List.copyOf(shortForms);
        if (prior < 0 || prior > 1) {
            throw new IllegalArgumentException(id + ": prior must be within 0..1 but was " + prior);
        }
    }

    /** Aliases usable for a story in the given language: the neutral ones plus that language's own. */
    public List<String> aliasesFor(String language) {
        List<String> local = localAliases.getOrDefault(language, List.of());
        if (local.isEmpty()) {
            return aliases;
        }
        return java.util.stream.Stream.concat(aliases.stream(), local.stream()).toList();
    }

    private static String defaultKind(EntityType type) {
        return switch (type) {
            case PERSON -> "person";
            case ORG -> "organisation";
            case PLACE -> "place";
        };
    }
}
