package io.newsflow.linking;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.TreeMap;
import java.util.zip.GZIPInputStream;
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

    /** Classpath location of the curated dictionary (people, organisations, hand-tuned places). */
    public static final String DEFAULT_RESOURCE = "/newsflow/dictionary/entities.jsonl";

    /**
      * Classpath locations of the generated place entries (countries, first-level regions, cities), built from
      * npm data packages by {@code tools/dictionary/generate.mjs}; {@code .gz} resources are gunzipped.
      */
    public static final List<String> GENERATED_RESOURCES = List.of(
            "/newsflow/dictionary/generated/countries.jsonl",
            "/newsflow/dictionary/generated/regions.jsonl",
            "/newsflow/dictionary/generated/cities.jsonl.gz");

    private static final Set<String> NAME_SUFFIXES = Set.of("jr", "jr.", "sr", "sr.", "ii", "iii", "iv");

    private final List<DictionaryEntry> entries;
    private final Map<String, DictionaryEntry> byId;
    /**
      * For a curated entry that names no container: the country of the generated entry it replaced. Kept apart from
      * {@code partOf}, which drives disambiguation and was tuned without it; used only to say where a place is.
      */
    private final Map<String, String> countryOfReplaced;

    private Dictionary(List<DictionaryEntry> entries) {
        this(entries, Map.of());
    }

    private Dictionary(List<DictionaryEntry> entries, Map<String, String> countryOfReplaced) {
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
        Map<String, String> countries = new HashMap<>();
        countryOfReplaced.forEach((id, country) -> {
            if (index.containsKey(id) && index.containsKey(country)) {
                countries.put(id, country);
            }
        });
        this.countryOfReplaced = Map.copyOf(countries);
    }

    /**
      * Loads the dictionary bundled with this module: the generated places merged with the curated file, curated
      * entries overriding generated ones (see {@link #merge}). Fails on any line that does not parse and on any
      * reference ({@code partOf}, {@code metonymOf}) to an id that does not exist after the merge.
      */
    public static Dictionary loadDefault() {
        List<DictionaryEntry> generated = new ArrayList<>();
        for (String resource : GENERATED_RESOURCES) {
            generated.addAll(readResource(resource));
        }
        return merge(generated, readResource(DEFAULT_RESOURCE));
    }

    /**
      * Merges generated entries with curated ones. A curated entry replaces the generated entry with the same id;
      * it also replaces a generated entry with a different id but the same canonical title (the curated file may
      * name a place "place:spokane" where the generator says "place:spokane-washington"), or a generated place of the
      * same kind titled by one of the curated place's names ("Odessa" for "Odesa"); references to the dropped id are
      * redirected to the curated one. Curated entries keep their file order after the generated ones.
      * A curated entry that lists no names in a language inherits the generated entry's names in that language, so
      * hand-tuning the English side of "Sweden" does not lose "Швеція" and its case forms; a curated country also
      * keeps the generated official names ({@link #inheritFromGenerated}).
      */
    static Dictionary merge(List<DictionaryEntry> generated, List<DictionaryEntry> curated) {
        Map<String, DictionaryEntry> curatedById = new LinkedHashMap<>();
        Map<String, String> curatedIdByCanonical = new HashMap<>();
        for (DictionaryEntry e : curated) {
            if (curatedById.putIfAbsent(e.id(), e) != null) {
                throw new IllegalArgumentException("duplicate dictionary id " + e.id() + " in " + DEFAULT_RESOURCE);
            }
            curatedIdByCanonical.putIfAbsent(e.canonical(), e.id());
        }
        // A generated place titled by one of a curated place's names, of the same kind, is that place under another
        // spelling (GeoNames' "Odessa" for the curated "Odesa"); a name two curated places share claims nothing.
        Map<String, String> curatedPlaceIdByAlias = new HashMap<>();
        for (DictionaryEntry e : curated) {
            if (e.type() == EntityType.PLACE) {
                for (String alias : e.aliases()) {
                    curatedPlaceIdByAlias.merge(e.kind() + "|" + alias, e.id(), (a, b) -> a.equals(b) ? a : "");
                }
            }
        }
        Map<String, String> redirect = new HashMap<>();
        Map<String, DictionaryEntry> replacedGenerated = new HashMap<>();
        List<DictionaryEntry> kept = new ArrayList<>();
        for (DictionaryEntry e : generated) {
            if (curatedById.containsKey(e.id())) {
                replacedGenerated.putIfAbsent(e.id(), e);
                continue;
            }
            String claimedBy = curatedIdByCanonical.get(e.canonical());
            if (claimedBy == null && e.type() == EntityType.PLACE) {
                String byAlias = curatedPlaceIdByAlias.get(e.kind() + "|" + e.canonical());
                claimedBy = byAlias == null || byAlias.isEmpty() ? null : byAlias;
            }
            if (claimedBy != null) {
                redirect.put(e.id(), claimedBy);
                replacedGenerated.putIfAbsent(claimedBy, e);
                continue;
            }
            kept.add(e);
        }
        Map<String, DictionaryEntry> generatedById = new HashMap<>();
        generated.forEach(e -> generatedById.putIfAbsent(e.id(), e));
        Map<String, String> countryOfReplaced = new HashMap<>();
        replacedGenerated.forEach((curatedId, e) -> {
            DictionaryEntry country = countryAlong(e, generatedById::get);
            if (country != null && !country.id().equals(curatedId)) {
                countryOfReplaced.put(curatedId, redirect.getOrDefault(country.id(), country.id()));
            }
        });
        List<DictionaryEntry> all = new ArrayList<>(kept.size() + curated.size());
        for (DictionaryEntry e : kept) {
            all.add(redirect.isEmpty() ? e : redirected(e, redirect));
        }
        for (DictionaryEntry e : curated) {
            DictionaryEntry completed = inheritFromGenerated(e, replacedGenerated.get(e.id()));
            all.add(redirect.isEmpty() ? completed : redirected(completed, redirect));
        }
        return new Dictionary(all, countryOfReplaced);
    }

    /**
      * What a curated entry takes from the generated entry it replaces: the names in languages it lists none for and,
      * for a country, the official and alternative English names it does not list.
      */
    private static DictionaryEntry inheritFromGenerated(DictionaryEntry curated, DictionaryEntry generated) {
        if (generated == null) {
            return curated;
        }
        Map<String, List<String>> local = new TreeMap<>(curated.localAliases());
        generated.localAliases().forEach(local::putIfAbsent);
        // A country's official and alternative names ("French Republic", "Holland") stay with the hand-tuned entry.
        List<String> aliases = curated.aliases();
        if (curated.kind().equals("country") && generated.kind().equals("country")) {
            Set<String> union = new LinkedHashSet<>(curated.aliases());
            union.addAll(generated.aliases());
            aliases = List.copyOf(union);
        }
        if (local.equals(curated.localAliases()) && aliases.equals(curated.aliases())) {
            return curated;
        }
        return new DictionaryEntry(curated.id(), curated.canonical(), curated.type(), curated.kind(), aliases,
                local, curated.surnames(), curated.knownBySurname(), curated.cues(), curated.roles(), curated.prior(),
                curated.metonymOf(), curated.partOf(), curated.shortForms());
    }

    private static DictionaryEntry redirected(DictionaryEntry e, Map<String, String> redirect) {
        String partOf = e.partOf() == null ? null : redirect.getOrDefault(e.partOf(), e.partOf());
        String metonymOf = e.metonymOf() == null ? null : redirect.getOrDefault(e.metonymOf(), e.metonymOf());
        if (java.util.Objects.equals(partOf, e.partOf()) && java.util.Objects.equals(metonymOf, e.metonymOf())) {
            return e;
        }
        return new DictionaryEntry(e.id(), e.canonical(), e.type(), e.kind(), e.aliases(), e.localAliases(),
                e.surnames(), e.knownBySurname(), e.cues(), e.roles(), e.prior(), metonymOf, partOf, e.shortForms());
    }

    private static List<DictionaryEntry> readResource(String resource) {
        try (InputStream raw = Dictionary.class.getResourceAsStream(resource)) {
            if (raw == null) {
                throw new IllegalStateException("missing classpath resource " + resource);
            }
            InputStream in = resource.endsWith(".gz") ? new GZIPInputStream(raw, 1 << 16) : raw;
            try {
                return parse(in);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(resource + ": " + e.getMessage(), e);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
      * A new dictionary with entries added, replaced or removed (editors' changes arriving on a Kafka topic): an
      * upsert whose id exists replaces that entry in place, a new id is appended, a deletion of an unknown id is
      * ignored. References are checked again, so removing a region that cities still point at fails.
      *
      * @param upserts entries by id; each key must equal its entry's id
      * @param deletions ids to remove; an id that is also upserted is removed
      */
    public Dictionary withChanges(Map<String, DictionaryEntry> upserts, Set<String> deletions) {
        upserts.forEach((id, e) -> {
            if (!id.equals(e.id())) {
                throw new IllegalArgumentException("upsert key " + id + " does not match entry id " + e.id());
            }
        });
        List<DictionaryEntry> next = new ArrayList<>(entries.size() + upserts.size());
        Set<String> placed = new java.util.HashSet<>();
        for (DictionaryEntry e : entries) {
            if (deletions.contains(e.id())) {
                continue;
            }
            DictionaryEntry replacement = upserts.get(e.id());
            next.add(replacement == null ? e : replacement);
            placed.add(e.id());
        }
        upserts.values().stream()
                .filter(e -> !placed.contains(e.id()) && !deletions.contains(e.id()))
                .sorted(java.util.Comparator.comparing(DictionaryEntry::id))
                .forEach(next::add);
        return new Dictionary(next, countryOfReplaced);
    }

    /** Parses a JSON-lines dictionary; the stream is read fully but not closed. */
    public static Dictionary load(InputStream jsonl) {
        return new Dictionary(parse(jsonl));
    }

    private static List<DictionaryEntry> parse(InputStream jsonl) {
        List<DictionaryEntry> entries = new ArrayList<>();
        BufferedReader reader = new BufferedReader(new InputStreamReader(jsonl, StandardCharsets.UTF_8), 1 << 16);
        int lineNo = 0;
        try {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                lineNo++;
                if (line.isBlank()) {
                    continue;
                }
                try {
                    entries.add(MAPPER.readValue(line, EntryLine.class).toEntry());
                } catch (IOException | RuntimeException e) {
                    throw new IllegalArgumentException("dictionary line " + lineNo + ": " + e.getMessage(), e);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return entries;
    }

    private static final ObjectMapper MAPPER =
            new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, true);

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

    /**
      * The country a place is or lies in: along {@code partOf}, and for a curated entry that names no container, the
      * country of the generated place it replaced ("Donetsk Oblast" → Ukraine). Empty for people, organisations
      * and places outside any country.
      */
    public Optional<DictionaryEntry> countryOf(String id) {
        DictionaryEntry start = byId.get(id);
        if (start == null) {
            return Optional.empty();
        }
        DictionaryEntry country = countryAlong(start, byId::get);
        if (country == null) {
            DictionaryEntry last = start;
            for (int depth = 0; last.partOf() != null && depth < MAX_CONTAINER_DEPTH; depth++) {
                last = byId.get(last.partOf());
            }
            String replaced = countryOfReplaced.get(last.id());
            country = replaced == null ? null : byId.get(replaced);
        }
        return Optional.ofNullable(country);
    }

    private static final int MAX_CONTAINER_DEPTH = 5;

    private static DictionaryEntry countryAlong(DictionaryEntry entry, java.util.function.Function<String, DictionaryEntry> byId) {
        for (int depth = 0; entry != null && depth < MAX_CONTAINER_DEPTH; depth++) {
            if (entry.kind().equals("country")) {
                return entry;
            }
            entry = entry.partOf() == null ? null : byId.apply(entry.partOf());
        }
        return null;
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
    record EntryLine(
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

    record RoleLine(String title, List<String> titleCues, String from, String to) {
        Role toRole() {
            return new Role(
                    title,
                    titleCues,
                    from == null ? null : LocalDate.parse(from),
                    to == null ? null : LocalDate.parse(to));
        }
    }
}
