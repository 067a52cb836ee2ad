package io.newsflow.linking;

import io.newsflow.linking.AliasMatcher.AliasKind;
import io.newsflow.linking.AliasMatcher.AliasRef;
import io.newsflow.linking.AliasMatcher.Match;
import io.newsflow.linking.PhraseIndex.Phrase;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
  * Per-story facts the scorer consults: folded text of both fields, the story date, the entities a story
  * names unambiguously in full, and where every indexed phrase occurs. One instance per {@code link} call,
  * never shared, so the linker stays thread-safe without locks.
  *
  * <p>The story is folded once. The "document" is the folded headline, a newline and the folded body; offsets
  * into it number the phrase occurrences the alias automaton pass collected ({@link PhraseIndex.Hits}).
  */
final class StoryContext {

    private static final int[] NO_HITS = new int[0];

    private final StoryText story;
    private final LocalDate day;
    private final String foldedHeadline;
    private final String foldedBody;
    private final String unifiedHeadline;
    private final String unifiedBody;
    /** Built on first use: only {@link #usesLowercase} reads it. */
    private String document;
    private final int documentLength;
    private final int bodyOffset;
    private final Set<String> namedInFull = new HashSet<>();
    private final List<Match> headlineMatches;
    private final List<Match> bodyMatches;
    private final PhraseIndex phraseIndex;
    private final PhraseIndex.Hits phrases;
    /**
      * {@link #cueOccurrences} of the cues that occur, as an open-addressing table on the phrase's ordinal (stored
      * plus one, so 0 marks a free slot): every reading of every mention asks again, and an identity map's probe
      * showed in profiles.
      */
    private int[] cueOrdinals = new int[32];
    private int[][] cueHits = new int[32][];
    private int cueCount;
    /** {@link #usesLowercase} per word: several readings of one span, and repeated names, ask the same. */
    private final Map<String, Boolean> lowercaseUse = new HashMap<>();

    /**
      * @param foldedHeadline the headline through {@link TextNormalizer#foldToChars}
      * @param foldedBody the body through {@link TextNormalizer#foldToChars}
      * @param phrases every phrase occurrence in the story, collected while matching both fields
      */
    StoryContext(StoryText story, char[] foldedHeadline, char[] foldedBody, List<Match> headlineMatches,
            List<Match> bodyMatches, PhraseIndex phraseIndex, PhraseIndex.Hits phrases) {
        this.story = story;
        this.headlineMatches = headlineMatches;
        this.bodyMatches = bodyMatches;
        this.day = story.publishedAt() == null ? null : story.publishedAt().atOffset(ZoneOffset.UTC).toLocalDate();
        this.foldedHeadline = new String(foldedHeadline);
        this.foldedBody = new String(foldedBody);
        this.unifiedHeadline = TextNormalizer.unifyPunctuation(story.headline());
        this.unifiedBody = TextNormalizer.unifyPunctuation(story.body());
        this.bodyOffset = foldedHeadline.length + 1;
        this.documentLength = bodyOffset + foldedBody.length;
        this.phraseIndex = phraseIndex;
        this.phrases = phrases;
        noteFullNames(headlineMatches);
        noteFullNames(bodyMatches);
    }

    private void noteFullNames(List<Match> matches) {
        for (Match m : matches) {
            // Only a span with a single full-name reading anchors its entity; "Austin" alone anchors nothing.
            if (m.refs().size() == 1 && m.refs().get(0).kind() == AliasKind.NAME) {
                AliasRef ref = m.refs().get(0);
                boolean multiWord = ref.alias().strip().contains(" ");
                if (ref.entry().type() != EntityType.PERSON || multiWord) {
                    namedInFull.add(ref.entry().id());
                }
            }
        }
    }

    StoryText story() {
        return story;
    }

    String language() {
        return story.language();
    }

    /** Story date in UTC, or null when unknown. */
    LocalDate day() {
        return day;
    }

    /** Field text lower-cased with unified punctuation; same offsets as the original. */
    String folded(TextField field) {
        return field == TextField.HEADLINE ? foldedHeadline : foldedBody;
    }

    /** Field text with unified punctuation but original case; same offsets as the original. */
    String unified(TextField field) {
        return field == TextField.HEADLINE ? unifiedHeadline : unifiedBody;
    }

    /** The matched span of a field starting exactly at {@code start}, or null. */
    Match matchAt(TextField field, int start) {
        for (Match m : matches(field)) {
            if (m.start() == start) {
                return m;
            }
        }
        return null;
    }

    /** The matched span of a field ending exactly at {@code end}, or null. */
    Match matchEndingAt(TextField field, int end) {
        for (Match m : matches(field)) {
            if (m.end() == end) {
                return m;
            }
        }
        return null;
    }

    private List<Match> matches(TextField field) {
        return field == TextField.HEADLINE ? headlineMatches : bodyMatches;
    }

    /**
      * True when the folded document contains {@code word} (already folded, whole word) in a lower-case spelling
      * somewhere, i.e. as an ordinary word rather than a name ("turkeys" in a Thanksgiving story).
      */
    boolean usesLowercase(String word) {
        return lowercaseUse.computeIfAbsent(word, w -> {
            if (document == null) {
                document = foldedHeadline + "\n" + foldedBody;
            }
            for (int at : Tokens.occurrences(document, TextNormalizer.fold(w) + "*")) {
                if (Character.isLowerCase(unifiedDocumentChar(at))
                        && isSameWordOrPlural(at + TextNormalizer.fold(w).length())) {
                    return true;
                }
            }
            return false;
        });
    }

    /**
      * The word ends at {@code end}, or adds only a plural ending: "turkeys" is the common noun "turkey", but
      * "ізраїльська" is an adjective derived from the name, which Ukrainian writes in lower case.
      */
    private boolean isSameWordOrPlural(int end) {
        int wordEnd = end;
        while (wordEnd < document.length() && Character.isLetterOrDigit(document.charAt(wordEnd))) {
            wordEnd++;
        }
        String rest = document.substring(end, wordEnd);
        return rest.isEmpty() || rest.equals("s") || rest.equals("es");
    }

    boolean namedInFull(String entityId) {
        return namedInFull.contains(entityId);
    }

    /** Position of a field offset in the combined headline + body document. */
    int documentOffset(TextField field, int offset) {
        return field == TextField.HEADLINE ? offset : bodyOffset + offset;
    }

    /**
      * Whole-word occurrences of a cue across the story, as document offsets. Capitals in the cue must be
      * capitals in the text, as for aliases, so the cue "US" is not satisfied by the pronoun "us".
      */
    int[] cueOccurrences(Phrase cue) {
        if (!phrases.mayOccur(cue)) {
            return NO_HITS;
        }
        int key = cue.ordinal() + 1;
        int mask = cueOrdinals.length - 1;
        int slot = (key * 0x9E3779B9) >>> 16 & mask;
        while (cueOrdinals[slot] != 0) {
            if (cueOrdinals[slot] == key) {
                return cueHits[slot];
            }
            slot = slot + 1 & mask;
        }
        int[] found = capitalised(cue, phrases.occurrences(cue));
        cueOrdinals[slot] = key;
        cueHits[slot] = found;
        if (++cueCount * 2 > cueOrdinals.length) {
            growCueTable();
        }
        return found;
    }

    private void growCueTable() {
        int[] oldOrdinals = cueOrdinals;
        int[][] oldHits = cueHits;
        cueOrdinals = new int[oldOrdinals.length * 2];
        cueHits = new int[oldOrdinals.length * 2][];
        int mask = cueOrdinals.length - 1;
        for (int i = 0; i < oldOrdinals.length; i++) {
            if (oldOrdinals[i] != 0) {
                int slot = (oldOrdinals[i] * 0x9E3779B9) >>> 16 & mask;
                while (cueOrdinals[slot] != 0) {
                    slot = slot + 1 & mask;
                }
                cueOrdinals[slot] = oldOrdinals[i];
                cueHits[slot] = oldHits[i];
            }
        }
    }

    private int[] capitalised(Phrase cue, int[] hits) {
        int kept = 0;
        for (int at : hits) {
            if (capitalsMatch(cue, at)) {
                hits[kept++] = at;
            }
        }
        return kept == hits.length ? hits : Arrays.copyOf(hits, kept);
    }

    /** False when no phrase with this needle id can occur in the story; then its occurrences are empty. */
    boolean mayOccur(int needle) {
        return phrases.mayOccur(needle);
    }

    /** True when the cue occurs anywhere in the story (as {@link #cueOccurrences} counts occurrences). */
    boolean mentions(Phrase cue) {
        return cueOccurrences(cue).length > 0;
    }

    /**
      * The cue's text must fit in the document from {@code at} (a prefix cue's {@code *} needs one more char), and
      * each of its capitals must be a capital there. Case survives unifying, so the original chars decide.
      */
    private boolean capitalsMatch(Phrase cue, int at) {
        if (at + cue.text().length() > documentLength) {
            return false;
        }
        for (int p : cue.capitals()) {
            if (!Character.isUpperCase(unifiedDocumentChar(at + p))) {
                return false;
            }
        }
        return true;
    }

    /** The document char at a position with original case and unified punctuation. */
    private char unifiedDocumentChar(int at) {
        int headlineLength = bodyOffset - 1;
        return at < headlineLength ? unifiedHeadline.charAt(at)
                : at == headlineLength ? '\n' : unifiedBody.charAt(at - bodyOffset);
    }

    /**
      * Whole-word occurrences of a phrase inside one field, as field offsets, whatever the case (office titles,
      * topic keywords).
      */
    /** Whole-word occurrences of the phrase anywhere in the document, as document offsets; read only. */
    int[] occurrences(Phrase phrase) {
        return phrases.occurrences(phrase);
    }

    /** How many of {@code hits} ({@link #occurrences}) lie wholly inside the field, as {@link #occurrencesIn} counts. */
    int countIn(TextField field, Phrase phrase, int[] hits) {
        int from = field == TextField.HEADLINE ? 0 : bodyOffset;
        int to = field == TextField.HEADLINE ? bodyOffset - 1 : documentLength;
        int length = phraseIndex.needleLength(phrase);
        int count = 0;
        for (int at : hits) {
            if (at >= from && at + length <= to) {
                count++;
            }
        }
        return count;
    }

    int[] occurrencesIn(TextField field, Phrase phrase) {
        int[] hits = phrases.occurrences(phrase);
        if (hits.length == 0) {
            return hits;
        }
        int from = field == TextField.HEADLINE ? 0 : bodyOffset;
        int to = field == TextField.HEADLINE ? bodyOffset - 1 : documentLength;
        int length = phraseIndex.needleLength(phrase);
        int kept = 0;
        for (int at : hits) {
            if (at >= from && at + length <= to) {
                hits[kept++] = at - from;
            }
        }
        return kept == hits.length ? hits : Arrays.copyOf(hits, kept);
    }
}
