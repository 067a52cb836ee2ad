package io.newsflow.linking;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
  * The immutable set of identities the linker knows, loaded from JSON lines (one {@link DictionaryEntry} per
  * line). Blank lines are ignored; anything else that does not parse or validate fails the load, because a
  * silently skipped entry would surface much later as a missing link.
  *
  * <p>Line format (only {@code id}, {@code canonical}, {@code type} and {@code aliases} are required):
  *
  * <pre>{@code
  * {"id":"person:lloyd-austin","canonical":"Lloyd Austin","type":"PERSON","aliases":["Lloyd Austin"],
  *  "cues":["Pentagon","Defense Secretary"],"prior":0.5,
  *  "roles":[{"title":"US Secretary of Defense","titleCues":["Defense Secretary"],"from":"2021-01-22","to":"2025-01-20"}]}
  * }</pre>
  */
public final class Dictionary {

    /** Classpath location of the curated seed dictionary. */
    public static final String DEFAULT_RESOURCE = "/newsflow/dictionary/entities.jsonl";

    private static final Set<String> NAME_SUFFIXES = Set.of("jr", "jr.", "sr", "sr.", "ii", "iii", "iv");

    private final List<DictionaryEntry> entries;
    private final Map<String, DictionaryEntry> byId;

    private Dictionary(List<DictionaryEntry> entries) {
        Map<String, DictionaryEntry> index = new LinkedHashMap<>();
        for (DictionaryEntry entry : entries) {
            if (index.putIfAbsent(entry.id(), entry) != null) {
                throw new IllegalArgumentException("duplicate dictionary id " + entry.id());
            }
        }
        for (DictionaryEntry entry : entries) {
            if (entry.metonymOf() != null && !index.containsKey(entry.metonymOf())) {
                throw new IllegalArgumentException(entry.id() + ": metonymOf refers to unknown id " + entry.metonymOf());
            }
            if (entry.partOf() != null && !index.containsKey(entry.partOf())) {
                throw new IllegalArgumentException(entry.id() + ": partOf refers to unknown id " + entry.partOf());
            }
        }
        this.entries = List.copyOf(entries);
        this.byId = Map.copyOf(index);
    }

    /** Loads the curated dictionary bundled with this module. */
    public static Dictionary loadDefault() {
        try (InputStream in = Dictionary.class.getResourceAsStream(DEFAULT_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("missing classpath resource " + DEFAULT_RESOURCE);
            }
            return load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Parses a JSON-lines dictionary; the stream is read fully but not closed. */
    public static Dictionary load(InputStream jsonl) {
        ObjectMapper mapper =
                new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, true);
        List<DictionaryEntry> entries = new ArrayList<>();
        BufferedReader reader = new BufferedReader(new InputStreamReader(jsonl, StandardCharsets.UTF_8));
        int lineNo = 0;
        try {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                lineNo++;
                if (line.isBlank()) {
                    continue;
                }
                try {
                    entries.add(mapper.readValue(line, EntryLine.class).toEntry());
                } catch (IOException | RuntimeException e) {
                    throw new IllegalArgumentException("dictionary line " + lineNo + ": " + e.getMessage(), e);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new Dictionary(entries);
    }

    /** Builds a dictionary from entries constructed in code (handy for tests and generated dictionaries). */
    public static Dictionary of(Collection<DictionaryEntry> entries) {
        return new Dictionary(new ArrayList<>(entries));
    }

    /** All entries in file order. */
    public List<DictionaryEntry> entries() {
        return entries;
    }

    /** Looks an entry up by its stable id. */
    public Optional<DictionaryEntry> entry(String id) {
        return Optional.ofNullable(byId.get(id));
    }

    public int size() {
        return entries.size();
    }

    /** Languages for which at least one entry has language-specific aliases. */
    public Set<String> localisedLanguages() {
        Set<String> languages = new TreeSet<>();
        entries.forEach(e -> languages.addAll(e.localAliases().keySet()));
        return languages;
    }

    /**
      * The surname of a written full name: its last word, skipping generational suffixes ("Lloyd J. Austin III"
      * gives "Austin"). Returns null for one-word names and initials, which make poor stand-alone names.
      */
    static String surnameOf(String fullName) {
        String[] words = fullName.trim().split("\\s+");
        for (int i = words.length - 1; i >= 1; i--) {
            String word = words[i];
            if (NAME_SUFFIXES.contains(word.toLowerCase(java.util.Locale.ROOT))) {
                continue;
            }
            boolean usable = word.length() >= 3 && Character.isUpperCase(word.codePointAt(0)) && !word.endsWith(".");
            return usable ? word : null;
        }
        return null;
    }

    /** JSON shape of one dictionary line; kept separate so the public record need not carry Jackson details. */
    private record EntryLine(
            String id,
            String canonical,
            EntityType type,
            String kind,
            List<String> aliases,
            Map<String, List<String>> localAliases,
            List<String> surnames,
            Boolean knownBySurname,
            List<String> cues,
            List<RoleLine> roles,
            Double prior,
            String metonymOf,
            String partOf,
            List<String> shortForms) {

        DictionaryEntry toEntry() {
            if (id == null || canonical == null || type == null || aliases == null || aliases.isEmpty()) {
                throw new IllegalArgumentException("id, canonical, type and a non-empty aliases list are required");
            }
            List<String> effectiveSurnames = surnames;
            if (effectiveSurnames == null && type == EntityType.PERSON) {
                Set<String> derived = new LinkedHashSet<>();
                for (String alias : aliases) {
                    String surname = surnameOf(alias);
                    if (surname != null && !aliases.contains(surname)) {
                        derived.add(surname);
                    }
                }
                effectiveSurnames = List.copyOf(derived);
            }
            List<Role> parsedRoles =
                    roles == null ? List.of() : roles.stream().map(RoleLine::toRole).toList();
            return new DictionaryEntry(
                    id,
                    canonical,
                    type,
                    kind,
                    aliases,
                    localAliases,
                    effectiveSurnames,
                    Boolean.TRUE.equals(knownBySurname),
                    cues,
                    parsedRoles,
                    prior == null ? 0.5 : prior,
                    metonymOf,
                    partOf,
                    shortForms);
        }
    }

    private record RoleLine(String title, List<String> titleCues, String from, String to) {
        Role toRole() {
            return new Role(
                    title,
                    titleCues,
                    from == null ? null : LocalDate.parse(from),
                    to == null ? null : LocalDate.parse(to));
        }
    }
}
