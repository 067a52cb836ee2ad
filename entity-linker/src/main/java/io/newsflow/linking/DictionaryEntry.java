package io.newsflow.linking;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.LocalDate;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

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

    /**
      * Aliases usable for a story in the given language: the neutral ones plus that language's own. For
      * Ukrainian the listed forms are expanded with their regular case forms ({@link UkrainianInflection}), so
      * the file lists a nominative ("Зеленський", "Курська область") and the text may use any case.
      */
    public List<String> aliasesFor(String language) {
        List<String> local = localAliases.getOrDefault(language, List.of());
        if (local.isEmpty()) {
            return aliases;
        }
        Set<String> all = new LinkedHashSet<>(aliases);
        all.addAll(local);
        if (UkrainianInflection.LANGUAGE.equals(language)) {
            for (String form : local) {
                all.addAll(UkrainianInflection.forms(form));
            }
        }
        return List.copyOf(all);
    }

    private static final ObjectMapper JSON =
            new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, true);

    /**
      * Parses one entry in the dictionary's JSON-lines format (the same line a dictionary file holds). Only
      * {@code id}, {@code canonical}, {@code type} and a non-empty {@code aliases} are required; people without a
      * {@code surnames} field get surnames derived from their multi-word aliases.
      *
      * @throws IllegalArgumentException when the text is not a valid entry
      */
    public static DictionaryEntry fromJson(String json) {
        try {
            return JSON.readValue(json, Dictionary.EntryLine.class).toEntry();
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("invalid dictionary entry: " + e.getOriginalMessage(), e);
        }
    }

    /**
      * One JSON line in the dictionary file format; {@code fromJson(e.toJson())} equals {@code e}. Empty optional
      * fields are left out, except a person's empty {@code surnames}, which must stay explicit so that parsing does
      * not derive surnames again.
      */
    public String toJson() {
        ObjectNode o = JSON.createObjectNode();
        o.put("id", id);
        o.put("canonical", canonical);
        o.put("type", type.name());
        o.put("kind", kind);
        strings(o.putArray("aliases"), aliases);
        if (!localAliases.isEmpty()) {
            ObjectNode local = o.putObject("localAliases");
            new TreeMap<>(localAliases).forEach((lang, forms) -> strings(local.putArray(lang), forms));
        }
        if (!surnames.isEmpty() || type == EntityType.PERSON) {
            strings(o.putArray("surnames"), surnames);
        }
        if (knownBySurname) {
            o.put("knownBySurname", true);
        }
        if (!cues.isEmpty()) {
            strings(o.putArray("cues"), cues);
        }
        if (!roles.isEmpty()) {
            ArrayNode rs = o.putArray("roles");
            for (Role r : roles) {
                ObjectNode ro = rs.addObject();
                ro.put("title", r.title());
                if (!r.titleCues().isEmpty()) {
                    strings(ro.putArray("titleCues"), r.titleCues());
                }
                putDate(ro, "from", r.from());
                putDate(ro, "to", r.to());
            }
        }
        o.put("prior", prior);
        if (metonymOf != null) {
            o.put("metonymOf", metonymOf);
        }
        if (partOf != null) {
            o.put("partOf", partOf);
        }
        if (!shortForms.isEmpty()) {
            strings(o.putArray("shortForms"), shortForms);
        }
        try {
            return JSON.writeValueAsString(o);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void strings(ArrayNode array, List<String> values) {
        values.forEach(array::add);
    }

    private static void putDate(ObjectNode o, String field, LocalDate date) {
        if (date != null) {
            o.put(field, date.toString());
        }
    }

    private static String defaultKind(EntityType type) {
        return switch (type) {
            case PERSON -> "person";
            case ORG -> "organisation";
            case PLACE -> "place";
        };
    }
}
