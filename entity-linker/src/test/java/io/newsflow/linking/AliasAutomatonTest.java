package io.newsflow.linking;

import static org.assertj.core.api.Assertions.assertThat;

import com.hankcs.algorithm.AhoCorasickDoubleArrayTrie;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
  * The word-start search must report exactly the hits of the library's full Aho-Corasick pass that start a word,
  * no more and no fewer, with the same key for each.
  */
class AliasAutomatonTest {

    /** Overlapping, nested and multi-word keys, keys that are prefixes or suffixes of others, and non-Latin ones. */
    private static final List<String> KEYS = List.of("kursk", "kursk oblast", "oblast", "us", "u.s.", "austin",
            "lloyd austin", "austin, texas", "texas", "korea", "north korea", "north", "the north", "the kremlin",
            "kremlin", "st", "st. petersburg", "petersburg", "new york", "york", "york times", "курськ",
            "курської області", "області", "zelensky", "zelenskyy", "a", "ab", "abc", "bc", "c", "'s", "-");

    @Test
    void findsEveryHitOfTheFullPassThatStartsAWord() {
        AliasAutomaton<String> automaton = build(KEYS);
        AhoCorasickDoubleArrayTrie<String> library = new AhoCorasickDoubleArrayTrie<>();
        library.build(keyMap(KEYS));
        List<String> pieces = new ArrayList<>(KEYS);
        pieces.addAll(List.of(" ", " ", "  ", ", ", ".", "\n", "because", "trusty", "xkursk", "kursky", "2", "'", "-"));
        Random random = new Random(20241021);
        int compared = 0;
        for (int round = 0; round < 2_000; round++) {
            StringBuilder text = new StringBuilder();
            int words = 1 + random.nextInt(12);
            for (int w = 0; w < words; w++) {
                text.append(pieces.get(random.nextInt(pieces.size())));
            }
            char[] chars = text.toString().toCharArray();
            List<String> expected = new ArrayList<>();
            library.parseText(chars, (AhoCorasickDoubleArrayTrie.IHitFull<String>) (start, end, value, index) -> {
                if (start == 0 || !TextNormalizer.isWordChar(chars[start - 1])) {
                    expected.add(start + ".." + end + "=" + value);
                }
            });
            List<String> found = new ArrayList<>();
            automaton.findAtWordStarts(chars, (start, end, key) -> found.add(start + ".." + end + "=" + automaton.value(key)));
            assertThat(found).as("hits in \"%s\"", text).containsExactlyInAnyOrderElementsOf(expected);
            compared += expected.size();
        }
        assertThat(compared).as("hits compared").isGreaterThan(5_000);
    }

    @Test
    void ordersHitsByStartThenShortestFirstAndSkipsStartsInsideWords() {
        AliasAutomaton<String> automaton = build(KEYS);
        char[] text = "because kursk oblast, north korea".toCharArray();
        List<String> found = new ArrayList<>();
        automaton.findAtWordStarts(text, (start, end, key) -> found.add(automaton.value(key) + "@" + start));
        assertThat(found).containsExactly("kursk@8", "kursk oblast@8", "oblast@14", "north@22", "north korea@22",
                "korea@28");
    }

    private static AliasAutomaton<String> build(List<String> keys) {
        AliasAutomaton<String> automaton = new AliasAutomaton<>();
        automaton.build(keyMap(keys));
        return automaton;
    }

    /** Each key's value is the key itself, so a hit's value shows which key it names. */
    private static Map<String, String> keyMap(List<String> keys) {
        Map<String, String> map = new LinkedHashMap<>();
        keys.forEach(k -> map.put(k, k));
        return map;
    }
}
