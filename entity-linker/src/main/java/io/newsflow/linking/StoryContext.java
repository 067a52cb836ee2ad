package io.newsflow.linking;

import io.newsflow.linking.AliasMatcher.AliasKind;
import io.newsflow.linking.AliasMatcher.AliasRef;
import io.newsflow.linking.AliasMatcher.Match;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
  * Per-story facts the scorer consults: folded text of both fields, the story date, the entities a story
  * names unambiguously in full, and a cache of cue look-ups. One instance per {@code link} call, never
  * shared, so the linker stays thread-safe without locks.
  */
final class StoryContext {

    private final StoryText story;
    private final LocalDate day;
    private final Map<TextField, String> folded = new EnumMap<>(TextField.class);
    private final Map<TextField, String> unified = new EnumMap<>(TextField.class);
    private final String document;
    private final String unifiedDocument;
    private final int bodyOffset;
    private final Set<String> namedInFull = new HashSet<>();
    private final Map<String, List<Integer>> cueHits = new HashMap<>();
    private final Map<TextField, List<Match>> matches;

    StoryContext(StoryText story, Map<TextField, List<Match>> matches) {
        this.story = story;
        this.matches = matches;
        this.day = story.publishedAt() == null ? null : story.publishedAt().atOffset(ZoneOffset.UTC).toLocalDate();
        folded.put(TextField.HEADLINE, TextNormalizer.fold(story.headline()));
        folded.put(TextField.BODY, TextNormalizer.fold(story.body()));
        unified.put(TextField.HEADLINE, TextNormalizer.unifyPunctuation(story.headline()));
        unified.put(TextField.BODY, TextNormalizer.unifyPunctuation(story.body()));
        this.bodyOffset = story.headline().length() + 1;
        this.document = folded.get(TextField.HEADLINE) + "\n" + folded.get(TextField.BODY);
        this.unifiedDocument = TextNormalizer.unifyPunctuation(story.headline() + "\n" + story.body());
        for (List<Match> fieldMatches : matches.values()) {
            for (Match m : fieldMatches) {
                // Only a span with a single full-name reading anchors its entity; "Austin" alone anchors nothing.
                List<AliasRef> names = m.refs().stream().filter(r -> r.kind() == AliasKind.NAME).toList();
                if (names.size() == 1 && m.refs().size() == 1) {
                    AliasRef ref = names.get(0);
                    boolean multiWord = ref.alias().strip().contains(" ");
                    if (ref.entry().type() != EntityType.PERSON || multiWord) {
                        namedInFull.add(ref.entry().id());
                    }
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
        return folded.get(field);
    }

    /** Field text with unified punctuation but original case; same offsets as the original. */
    String unified(TextField field) {
        return unified.get(field);
    }

    /** The matched span of a field starting exactly at {@code start}, or null. */
    Match matchAt(TextField field, int start) {
        for (Match m : matches.getOrDefault(field, List.of())) {
            if (m.start() == start) {
                return m;
            }
        }
        return null;
    }

    /** The matched span of a field ending exactly at {@code end}, or null. */
    Match matchEndingAt(TextField field, int end) {
        for (Match m : matches.getOrDefault(field, List.of())) {
            if (m.end() == end) {
                return m;
            }
        }
        return null;
    }

    /**
      * True when the folded document contains {@code word} (already folded, whole word) in a lower-case spelling
      * somewhere, i.e. as an ordinary word rather than a name ("turkeys" in a Thanksgiving story).
      */
    boolean usesLowercase(String word) {
        String folded = TextNormalizer.fold(word);
        for (int at : Tokens.occurrences(document, folded + "*")) {
            if (Character.isLowerCase(unifiedDocument.charAt(at)) && isSameWordOrPlural(at + folded.length())) {
                return true;
            }
        }
        return false;
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
    List<Integer> cueOccurrences(String cue) {
        return cueHits.computeIfAbsent(cue, c -> {
            String unifiedCue = TextNormalizer.unifyPunctuation(c);
            return Tokens.occurrences(document, TextNormalizer.fold(c)).stream()
                    .filter(at -> AliasMatcher.caseCompatible(unifiedCue,
                            unifiedDocument.substring(at, Math.min(unifiedDocument.length(), at + unifiedCue.length()))))
                    .toList();
        });
    }
}
