package io.newsflow.bench;

import io.newsflow.linking.Dictionary;
import io.newsflow.linking.DictionaryEntry;
import io.newsflow.linking.EntityType;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/** Dictionaries the benchmarks run against. */
final class Dictionaries {

    /** The bundled curated dictionary, whatever size it has grown to. */
    static final String DEFAULT = "default";
    /** The bundled dictionary plus {@value #SYNTHETIC_SIZE} generated names, to show how matching scales. */
    static final String SYNTHETIC = "synthetic150k";
    static final int SYNTHETIC_SIZE = 150_000;

    private static final String[] SYLLABLES = {
        "ka", "ri", "mo", "len", "dor", "va", "sha", "pet", "ro", "vin", "bel", "ta", "na", "mir", "gor", "lu", "sen",
        "ko", "zar", "ni", "hol", "bra", "tin", "el", "os", "ard", "vey", "lin", "dra", "mar", "cu", "ber", "sto", "ian",
        "ov", "sky", "ham", "ton", "fel", "gra", "wick", "pol", "ya", "den", "rus", "kiv", "lav", "mon", "ter", "zi"
    };
    private static final String[] CYRILLIC = {
        "ка", "рі", "мо", "лен", "дор", "ва", "ша", "пет", "ро", "він", "бел", "та", "на", "мір", "гор", "лу", "сен",
        "ко", "зар", "ні", "гол", "бра", "тін", "ел", "ос", "ард", "вей", "лін", "дра", "мар", "ку", "бер", "сто", "іан",
        "ов", "ський", "гам", "тон", "фел", "гра", "вік", "пол", "я", "ден", "рус", "ків", "лав", "мон", "тер", "зі"
    };
    private static final String[] ORG_HEADS = {"Group", "Agency", "Holdings", "Institute", "Foundation", "Bank", "Party"};
    private static final String[] UK_CASES = {"", "у", "і", "ом"};

    private Dictionaries() {}

    static Dictionary load(String name) {
        Dictionary curated = Dictionary.loadDefault();
        return switch (name) {
            case DEFAULT -> curated;
            case SYNTHETIC -> withGenerated(curated, SYNTHETIC_SIZE, 20240521L);
            default -> throw new IllegalArgumentException("unknown dictionary " + name);
        };
    }

    /**
      * Curated entries plus {@code count} generated ones: 40 % people ("Karimo Dorvalen", surname listed), 35 %
      * places (single words, half with Ukrainian inflected forms), 15 % organisations ("Petro Holdings"),
      * 10 % two-word places ("Lenkiv Oblast"). Deterministic for a given seed.
      */
    static Dictionary withGenerated(Dictionary curated, int count, long seed) {
        Random rnd = new Random(seed);
        List<DictionaryEntry> entries = new ArrayList<>(curated.entries());
        Set<String> used = new HashSet<>();
        for (DictionaryEntry e : entries) {
            used.addAll(e.aliases());
        }
        int n = 0;
        while (n < count) {
            int kind = rnd.nextInt(100);
            int[] a = word(rnd);
            String w1 = latin(a);
            DictionaryEntry entry;
            String id = "gen:" + n;
            if (kind < 40) {
                String last = latin(word(rnd));
                String full = w1 + " " + last;
                if (!used.add(full)) {
                    continue;
                }
                entry = new DictionaryEntry(id, full, EntityType.PERSON, null, List.of(full), null, List.of(last),
                        false, List.of(latin(word(rnd))), null, 0.3, null, null, null);
            } else if (kind < 75) {
                if (!used.add(w1)) {
                    continue;
                }
                Map<String, List<String>> local = null;
                if (rnd.nextBoolean()) {
                    String stem = cyrillic(a);
                    List<String> forms = new ArrayList<>();
                    for (String c : UK_CASES) {
                        forms.add(stem + c);
                    }
                    local = Map.of("uk", forms);
                }
                entry = new DictionaryEntry(id, w1, EntityType.PLACE, "city", List.of(w1), local, null, false, null,
                        null, 0.4, null, null, null);
            } else if (kind < 90) {
                String full = w1 + " " + ORG_HEADS[rnd.nextInt(ORG_HEADS.length)];
                if (!used.add(full)) {
                    continue;
                }
                String acronym = (w1.substring(0, 2) + full.charAt(full.indexOf(' ') + 1)).toUpperCase();
                entry = new DictionaryEntry(id, full, EntityType.ORG, null, List.of(full, acronym), null, null, false,
                        null, null, 0.3, null, null, null);
            } else {
                String full = w1 + " Oblast";
                if (!used.add(full)) {
                    continue;
                }
                entry = new DictionaryEntry(id, full, EntityType.PLACE, "region", List.of(full),
                        Map.of("uk", List.of(cyrillic(a) + "ська область")), null, false, null, null, 0.4, null, null,
                        null);
            }
            entries.add(entry);
            n++;
        }
        return Dictionary.of(entries);
    }

    private static int[] word(Random rnd) {
        int[] syllables = new int[2 + rnd.nextInt(3)];
        for (int i = 0; i < syllables.length; i++) {
            syllables[i] = rnd.nextInt(SYLLABLES.length);
        }
        return syllables;
    }

    private static String latin(int[] syllables) {
        return capitalise(join(syllables, SYLLABLES));
    }

    private static String cyrillic(int[] syllables) {
        return capitalise(join(syllables, CYRILLIC));
    }

    private static String join(int[] syllables, String[] alphabet) {
        StringBuilder sb = new StringBuilder();
        for (int s : syllables) {
            sb.append(alphabet[s]);
        }
        return sb.toString();
    }

    private static String capitalise(String s) {
        return Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }
}
