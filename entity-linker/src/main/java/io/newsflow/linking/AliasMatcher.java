package io.newsflow.linking;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.ahocorasick.trie.Emit;
import org.ahocorasick.trie.Trie;

/**
 * Finds dictionary aliases in text with one Aho-Corasick automaton per story language.
 *
 * <p>The automaton runs over case-folded text so that one pass finds every candidate; case rules are applied
 * afterwards against the original text (a capital letter in an alias must be a capital in the text, which
 * keeps "US"/"us" and "Turkey"/"turkey" apart). Overlaps are resolved only after that filter, so a rejected
 * long match cannot hide a valid shorter one. Immutable and thread-safe once built.
 */
final class AliasMatcher {

  /** How an alias names its entry. */
  enum AliasKind {
    /** A full name, spelling or abbreviation: enough on its own. */
    NAME,
    /** A person's bare surname: only links with supporting context. */
    SURNAME
  }

  record AliasRef(DictionaryEntry entry, String alias, AliasKind kind) {}

  /** A surviving span and every dictionary reading its text allows. */
  record Match(int start, int end, String surface, List<AliasRef> refs) {}

  private static final Set<String> MONTHS =
      Set.of("january", "february", "march", "april", "may", "june", "july", "august", "september",
          "october", "november", "december");
  private static final Set<String> MONTH_LEAD_INS =
      Set.of("in", "since", "until", "till", "by", "early", "mid", "late", "last", "next", "this", "from",
          "through", "during", "before", "after", "of");

  private final Trie trie;
  private final Map<String, List<AliasRef>> refsByKey;

  private AliasMatcher(Trie trie, Map<String, List<AliasRef>> refsByKey) {
    this.trie = trie;
    this.refsByKey = refsByKey;
  }

  static AliasMatcher build(Collection<DictionaryEntry> entries, String language) {
    Map<String, List<AliasRef>> refs = new LinkedHashMap<>();
    for (DictionaryEntry entry : entries) {
      for (String alias : entry.aliasesFor(language)) {
        add(refs, new AliasRef(entry, TextNormalizer.unifyPunctuation(alias.strip()), AliasKind.NAME));
      }
      for (String surname : entry.surnames()) {
        add(refs, new AliasRef(entry, TextNormalizer.unifyPunctuation(surname.strip()), AliasKind.SURNAME));
      }
    }
    Trie trie = Trie.builder().onlyWholeWords().addKeywords(refs.keySet()).build();
    Map<String, List<AliasRef>> frozen = new HashMap<>();
    refs.forEach((key, list) -> frozen.put(key, List.copyOf(list)));
    return new AliasMatcher(trie, Map.copyOf(frozen));
  }

  private static void add(Map<String, List<AliasRef>> refs, AliasRef ref) {
    if (ref.alias().isEmpty()) {
      return;
    }
    List<AliasRef> list = refs.computeIfAbsent(TextNormalizer.fold(ref.alias()), k -> new ArrayList<>());
    boolean duplicate =
        list.stream().anyMatch(r -> r.entry().id().equals(ref.entry().id()) && r.kind() == ref.kind()
            && r.alias().equals(ref.alias()));
    if (!duplicate) {
      list.add(ref);
    }
  }

  /** Non-overlapping matches in order of appearance; longest span wins, then the leftmost. */
  List<Match> find(String text) {
    if (text.isEmpty()) {
      return List.of();
    }
    String unified = TextNormalizer.unifyPunctuation(text);
    String folded = TextNormalizer.fold(text);
    List<Match> candidates = new ArrayList<>();
    for (Emit emit : trie.parseText(folded)) {
      int start = emit.getStart();
      int end = emit.getEnd() + 1;
      // The library only checks letters; digits glued to a name ("F16", "2Kyiv") are not names either.
      if (!isTokenBoundary(folded, start, end)) {
        continue;
      }
      String surface = unified.substring(start, end);
      List<AliasRef> allowed = new ArrayList<>();
      for (AliasRef ref : refsByKey.getOrDefault(emit.getKeyword(), List.of())) {
        if (caseCompatible(ref.alias(), surface) && !isMonthUse(ref, folded, start, end)) {
          allowed.add(ref);
        }
      }
      if (!allowed.isEmpty()) {
        candidates.add(new Match(start, end, text.substring(start, end), List.copyOf(allowed)));
      }
    }
    candidates.sort(Comparator.comparingInt((Match m) -> m.end() - m.start()).reversed()
        .thenComparingInt(Match::start));
    BitSet taken = new BitSet(text.length());
    List<Match> kept = new ArrayList<>();
    for (Match m : candidates) {
      if (taken.get(m.start(), m.end()).isEmpty()) {
        taken.set(m.start(), m.end());
        kept.add(m);
      }
    }
    kept.sort(Comparator.comparingInt(Match::start));
    return kept;
  }

  private static boolean isTokenBoundary(String text, int start, int end) {
    boolean leftOk = start == 0 || !TextNormalizer.isWordChar(text.charAt(start - 1));
    boolean rightOk = end >= text.length() || !TextNormalizer.isWordChar(text.charAt(end));
    // "U.S." can be followed directly by a letter only in odd tokens like "U.S.-led"; that's fine either way.
    return leftOk && (rightOk || !TextNormalizer.isWordChar(text.charAt(end - 1)));
  }

  /** Every capital letter in the alias must be a capital in the text; lower-case alias letters may be either. */
  static boolean caseCompatible(String alias, String surface) {
    if (alias.length() != surface.length()) {
      return false;
    }
    for (int i = 0; i < alias.length(); i++) {
      if (Character.isUpperCase(alias.charAt(i)) && !Character.isUpperCase(surface.charAt(i))) {
        return false;
      }
    }
    return true;
  }

  /** "May" the month must not become Theresa May: a month word next to a number or a time preposition. */
  private static boolean isMonthUse(AliasRef ref, String folded, int start, int end) {
    if (!MONTHS.contains(ref.alias().toLowerCase(Locale.ROOT))) {
      return false;
    }
    String next = Tokens.wordAfter(folded, end);
    String prev = Tokens.wordBefore(folded, start);
    return startsWithDigit(next) || startsWithDigit(prev) || MONTH_LEAD_INS.contains(prev);
  }

  private static boolean startsWithDigit(String word) {
    return !word.isEmpty() && Character.isDigit(word.charAt(0));
  }
}
