package io.newsflow.linking;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
  * Regular case forms of Ukrainian names, so the dictionary lists a nominative ("Зеленський", "Курська область",
  * "Москва") and the matcher finds "Зеленського", "Курської області", "Москві".
  *
  * <p>A stem + ending model: the declension class is read off the ending of each word (masculine adjectival
  * surnames in -ський/-цький/-ий, feminine adjectives in -ська/-на before a noun, hard and soft feminine nouns in
  * -а/-я, nouns in -ь, masculine consonant stems with the і→о/е alternation of "Харків"/"Київ", neuter -о/-я), and
  * the six oblique cases are produced per word; in a multi-word name the words agree in case ("Курської області",
  * never "Курська області"). Forms are generated generously (both -а and -у genitives, -і and -у locatives) because
  * a false form only costs an automaton key that no text contains. Words that are abbreviations, indeclinable
  * (-у, -е, -і, -о after a vowel, ...) or already inflected stay as they are.
  */
final class UkrainianInflection {

    static final String LANGUAGE = "uk";

    /** Words longer than this many are names of organisations and institutions: left alone. */
    private static final int MAX_WORDS = 3;
    private static final Map<String, List<String>> CACHE = new ConcurrentHashMap<>();
    private static final String VOWELS = "аеєиіїоуюя";
    /** Endings of oblique forms; a word ending so is taken as already inflected and not declined again. */
    private static final List<String> OBLIQUE_ENDINGS =
            List.of("ого", "ому", "ої", "ою", "ею", "єю", "ам", "ах", "ям", "ях");

    private UkrainianInflection() {}

    /** The name itself and its regular case forms, nominative first. */
    static List<String> forms(String name) {
        return CACHE.computeIfAbsent(name, UkrainianInflection::compute);
    }

    private static List<String> compute(String name) {
        String[] words = name.strip().split(" ");
        if (words.length > MAX_WORDS) {
            return List.of(name);
        }
        // cases[w][c]: variants of word w in case c (0 nominative .. 5 locative)
        List<List<List<String>>> perWord = new ArrayList<>();
        for (int i = 0; i < words.length; i++) {
            boolean beforeNoun = i < words.length - 1;
            perWord.add(decline(words[i], beforeNoun));
        }
        Set<String> out = new LinkedHashSet<>();
        out.add(name);
        for (int c = 0; c < 6; c++) {
            List<String> combos = List.of("");
            for (int w = 0; w < words.length; w++) {
                List<String> next = new ArrayList<>();
                for (String prefix : combos) {
                    for (String v : perWord.get(w).get(c)) {
                        next.add(prefix.isEmpty() ? v : prefix + " " + v);
                    }
                }
                combos = next;
            }
            out.addAll(combos);
        }
        return List.copyOf(out);
    }

    /** Six case slots for one word; an indeclinable word has itself in every slot. */
    private static List<List<String>> decline(String word, boolean beforeNoun) {
        String lower = word.toLowerCase(Locale.ROOT);
        if (!isDeclinable(word, lower)) {
            return same(word);
        }
        // Masculine adjective or adjectival surname: Зеленський, Північний.
        if (lower.endsWith("ий") && lower.length() > 4) {
            String stem = cut(word, 2);
            return slots(word, List.of(stem + "ого"), List.of(stem + "ому"), List.of(stem + "ого", word),
                    List.of(stem + "им"), List.of(stem + "ому", stem + "ім"));
        }
        // Feminine adjective before its noun, or a feminine adjectival surname: Курська (область), Північна.
        if ((lower.endsWith("ська") || lower.endsWith("цька") || lower.endsWith("зька"))
                || beforeNoun && (lower.endsWith("на") || lower.endsWith("ка") || lower.endsWith("ва"))) {
            String stem = cut(word, 1);
            return slots(word, List.of(stem + "ої"), List.of(stem + "ій"), List.of(stem + "у"), List.of(stem + "ою"),
                    List.of(stem + "ій"));
        }
        char last = lower.charAt(lower.length() - 1);
        char beforeLast = lower.length() > 1 ? lower.charAt(lower.length() - 2) : ' ';
        String stem = cut(word, 1);
        switch (last) {
            case 'а': {
                // Hard feminine (Москва, Америка): к/г/х alternate to ц/з/с in the dative and locative.
                String soft = alternate(stem);
                boolean sibilant = "жчшщ".indexOf(beforeLast) >= 0;
                return slots(word, List.of(stem + (sibilant ? "і" : "и")), List.of(soft + "і"), List.of(stem + "у"),
                        List.of(stem + (sibilant ? "ею" : "ою")), List.of(soft + "і"));
            }
            case 'я': {
                if (lower.length() > 3 && lower.charAt(lower.length() - 2) == lower.charAt(lower.length() - 3)
                        && VOWELS.indexOf(beforeLast) < 0) {
                    // Neuter with a doubled consonant: Запоріжжя, Закарпаття, Придніпров'я-like.
                    return slots(word, List.of(word), List.of(stem + "ю"), List.of(word), List.of(stem + "ям"),
                            List.of(stem + "і"));
                }
                boolean afterVowel = VOWELS.indexOf(beforeLast) >= 0 || beforeLast == '\'' || beforeLast == 'ь';
                String i = afterVowel ? "ї" : "і";
                return slots(word, List.of(stem + i), List.of(stem + i), List.of(stem + "ю"),
                        List.of(stem + (afterVowel ? "єю" : "ею")), List.of(stem + i));
            }
            case 'ь': {
                if (lower.endsWith("сть") || lower.endsWith("нь") || lower.endsWith("дь")) {
                    // Feminine: область, Волинь; the instrumental doubles the consonant (областю, Волинню).
                    String consonant = stem.substring(stem.length() - 1);
                    String doubled = lower.endsWith("сть") ? stem : stem + consonant;
                    return slots(word, List.of(stem + "і"), List.of(stem + "і"), List.of(word),
                            List.of(doubled + "ю"), List.of(stem + "і"));
                }
                // Masculine soft: Ізраїль, Ігорь-like.
                return slots(word, List.of(stem + "я", stem + "ю"), List.of(stem + "ю", stem + "еві"),
                        List.of(word, stem + "я"), List.of(stem + "ем"), List.of(stem + "і", stem + "еві"));
            }
            case 'й': {
                // Китай, Андрій, Шойгу-free: a masculine stem in -й.
                return slots(word, List.of(stem + "я", stem + "ю"), List.of(stem + "ю", stem + "єві"),
                        List.of(word, stem + "я"), List.of(stem + "єм"), List.of(stem + "ї", stem + "єві"));
            }
            case 'о': {
                // Masculine or neuter in -о after a consonant: Дніпро, Петро, Бюро-free.
                return slots(word, List.of(stem + "а"), List.of(stem + "у", stem + "ові"), List.of(stem + "а", word),
                        List.of(stem + "ом"), List.of(stem + "і", stem + "у"));
            }
            default:
                break;
        }
        if (last == 'и' && !beforeNoun && lower.length() > 4 && VOWELS.indexOf(beforeLast) < 0) {
            // Plural place names: Нідерланди → Нідерландів, Штати → Штатів; feminine ones (Суми, Філіппіни) take
            // no genitive ending, so both genitives are listed.
            return slots(word, List.of(stem + "ів", stem), List.of(stem + "ам"), List.of(word), List.of(stem + "ами"),
                    List.of(stem + "ах"));
        }
        if (VOWELS.indexOf(last) >= 0) {
            return same(word); // -е, -і, -у, -ю: indeclinable
        }
        // Masculine consonant stem: Курськ, Байден, Путін, Харків (і→о), Київ (ї→є).
        String oblique = word;
        if (lower.endsWith("ів") && lower.length() > 3) {
            oblique = cut(word, 2) + "ов";
        } else if (lower.endsWith("їв")) {
            oblique = cut(word, 2) + "єв";
        }
        boolean possessiveSurname = lower.endsWith("ін") || lower.endsWith("ин") || lower.endsWith("ов")
                || lower.endsWith("ев") || lower.endsWith("єв");
        List<String> instrumental = possessiveSurname && !lower.endsWith("ів")
                ? List.of(oblique + "им", oblique + "ом") : List.of(oblique + "ом");
        String locSoft = alternate(oblique);
        return slots(word, List.of(oblique + "а", oblique + "у"), List.of(oblique + "у", oblique + "ові"),
                List.of(word, oblique + "а"), instrumental, List.of(locSoft + "і", oblique + "у", oblique + "ові"));
    }

    private static boolean isDeclinable(String word, String lower) {
        if (word.length() < 3 || !Character.isLetter(word.charAt(word.length() - 1))) {
            return false;
        }
        if (word.chars().filter(Character::isUpperCase).count() > 1 && !word.contains("-")) {
            return false; // КНДР, США, ЗСУ
        }
        if (word.chars().anyMatch(ch -> ch < 0x0400 || ch > 0x04FF) && !word.contains("-") && !word.contains("'")) {
            return false; // not Cyrillic
        }
        for (String ending : OBLIQUE_ENDINGS) {
            if (lower.endsWith(ending)) {
                return false;
            }
        }
        return true;
    }

    /** к → ц, г → з, х → с before the -і of the dative and locative (Америка → Америці). */
    private static String alternate(String stem) {
        if (stem.isEmpty()) {
            return stem;
        }
        char c = stem.charAt(stem.length() - 1);
        String head = stem.substring(0, stem.length() - 1);
        return switch (c) {
            case 'к' -> head + "ц";
            case 'г' -> head + "з";
            case 'х' -> head + "с";
            default -> stem;
        };
    }

    private static String cut(String word, int n) {
        return word.substring(0, word.length() - n);
    }

    private static List<List<String>> same(String word) {
        List<String> one = List.of(word);
        return List.of(one, one, one, one, one, one);
    }

    private static List<List<String>> slots(String nominative, List<String> genitive, List<String> dative,
            List<String> accusative, List<String> instrumental, List<String> locative) {
        return List.of(List.of(nominative), genitive, dative, accusative, instrumental, locative);
    }
}
