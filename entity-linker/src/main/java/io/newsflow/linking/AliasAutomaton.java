package io.newsflow.linking;

import com.hankcs.algorithm.AhoCorasickDoubleArrayTrie;

/**
  * The library's double-array Aho-Corasick trie, searched only from the starts of words.
  *
  * <p>Every alias and phrase the linker looks for must start a word: a hit that starts inside one ("us" in
  * "because") is never a mention. The library's {@code parseText} still finds those, because Aho-Corasick's
  * failure links track every suffix of the text read so far, and it pays for that on every char: with the
  * default dictionary the trie is several MB, and following it char by char was a third of the linker's time.
  * {@link #findAtWordStarts} instead walks the trie's goto function from the root at each word start until the
  * text leaves the trie. It reports exactly the hits of {@code parseText} that start a word, in order of start
  * rather than of end, and most words leave the trie after a few chars.
  *
  * <p>The walk uses the library's own transition function and its marker for "a key ends here" (the code-0
  * child whose negative base holds the key's index, as in its {@code exactMatchSearch}); the library builds
  * everything. Immutable and thread-safe once built.
  */
final class AliasAutomaton<V> extends AhoCorasickDoubleArrayTrie<V> {

    /** Receives key occurrences: {@code [start, end)} in the text, and the key's index for {@link #value}. */
    interface Hits {
        void hit(int start, int end, int key);
    }

    /** The value stored for the key a {@link Hits#hit} names. */
    V value(int key) {
        return v[key];
    }

    /**
      * Reports every key occurrence that starts a word of {@code text} (at its start, or after a char that is
      * not a {@link TextNormalizer#isWordChar word char}), ordered by start and, for one start, shortest first.
      */
    void findAtWordStarts(char[] text, Hits hits) {
        int[] base = this.base;
        int[] check = this.check;
        int rootBase = base[0];
        int n = text.length;
        for (int start = 0; start < n; start++) {
            if (start > 0 && TextNormalizer.isWordChar(text[start - 1])) {
                continue;
            }
            int node = rootBase;
            for (int i = start; i < n; i++) {
                node = transition(node, text[i]);
                if (node < 0) {
                    break;
                }
                int keyEnd = base[node];
                if (keyEnd < 0 && check[node] == node) {
                    hits.hit(start, i + 1, -keyEnd - 1);
                }
            }
        }
    }
}
