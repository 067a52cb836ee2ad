package io.newsflow.linking.evaluation;

import io.newsflow.linking.Dictionary;
import io.newsflow.linking.EntityLinker;
import io.newsflow.linking.EntityType;
import io.newsflow.linking.LinkingResult;
import io.newsflow.linking.Mention;
import io.newsflow.linking.StoryText;
import io.newsflow.linking.TextField;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.regex.Matcher;

/**
  * Runs a linker over gold articles and scores it as the corpus README specifies.
  *
  * <p>Per article and per field (headline, then body), predictions are walked in order and each is paired with
  * the next unmatched gold mention with the same surface. A pair with the identical canonical is a true
  * positive; a pair with another canonical is one false positive and one false negative; unpaired predictions
  * are false positives and unpaired gold mentions false negatives. Type accuracy is counted over all pairs.
  * Because pairing only ever joins equal surfaces, the ambiguity subset and the per-language slices are cut
  * from this one alignment and equal what aligning the restricted lists would give.
  */
public final class Evaluator {

    private static final int CONTEXT_CHARS = 45;

    private final Function<StoryText, LinkingResult> linker;

    /** Scores any linking function; tests pass canned results. */
    public Evaluator(Function<StoryText, LinkingResult> linker) {
        this.linker = Objects.requireNonNull(linker, "linker");
    }

    /** Scores the given linker. */
    public static Evaluator of(EntityLinker linker) {
        return new Evaluator(linker::link);
    }

    /** Scores the linker built from the default dictionary, as enrich-service runs it. */
    public static Evaluator withDefaultLinker() {
        return of(EntityLinker.create(Dictionary.loadDefault()));
    }

    /** Reads a JSONL gold file and scores it. */
    public EvaluationReport evaluate(Path goldJsonl) throws IOException {
        return evaluate(goldJsonl.toString(), GoldArticle.readJsonl(goldJsonl));
    }

    /** Scores the linker over {@code articles}; {@code source} names the gold set in the report. */
    public EvaluationReport evaluate(String source, List<GoldArticle> articles) {
        Score overall = Score.ZERO;
        Score ambiguous = Score.ZERO;
        Map<String, Score> byLanguage = new TreeMap<>();
        Map<String, Integer> articlesByLanguage = new TreeMap<>();
        TagScore tags = new TagScore(0, 0, 0);
        List<LinkingError> errors = new ArrayList<>();

        for (GoldArticle article : articles) {
            LinkingResult result = linker.apply(article.story());
            Score articleAll = Score.ZERO;
            for (TextField field : TextField.values()) {
                List<Mention> predicted = result.mentions().stream().filter(m -> m.field() == field).toList();
                FieldAlignment alignment = align(article, field, predicted, errors);
                articleAll = articleAll.plus(alignment.all);
                ambiguous = ambiguous.plus(alignment.ambiguous);
            }
            overall = overall.plus(articleAll);
            byLanguage.merge(article.language(), articleAll, Score::plus);
            articlesByLanguage.merge(article.language(), 1, Integer::sum);

            int hits = (int) result.tags().stream().distinct().filter(article.goldTopics()::contains).count();
            tags = tags.plus(new TagScore(hits, (int) result.tags().stream().distinct().count(),
                    (int) article.goldTopics().stream().distinct().count()));
        }
        return new EvaluationReport(source, articles.size(), articlesByLanguage, overall, ambiguous, byLanguage, tags,
                errors);
    }

    private record FieldAlignment(Score all, Score ambiguous) {}

    /** Aligns one field's predictions with its gold mentions, appending errors in text order of discovery. */
    private static FieldAlignment align(GoldArticle article, TextField field, List<Mention> predicted,
            List<LinkingError> errors) {
        String text = article.text(field);
        List<GoldMention> gold = article.gold(field);
        boolean[] used = new boolean[gold.size()];
        int[] all = new int[5];
        int[] amb = new int[5];
        for (Mention pred : predicted) {
            int match = -1;
            for (int i = 0; i < gold.size(); i++) {
                if (!used[i] && gold.get(i).surface().equals(pred.surface())) {
                    match = i;
                    break;
                }
            }
            int[] slice = AmbiguitySubset.contains(pred.surface()) ? amb : null;
            String context = snippet(text, pred.start(), pred.end());
            if (match < 0) {
                count(all, slice, 1, 0, 0, false, false);
                errors.add(error(LinkingError.Kind.SPURIOUS, article, field, pred.surface(), null, pred.canonical(),
                        null, pred.type(), context));
                continue;
            }
            used[match] = true;
            GoldMention truth = gold.get(match);
            boolean typeOk = truth.type() == pred.type();
            if (truth.canonical().equals(pred.canonical())) {
                count(all, slice, 0, 0, 1, true, typeOk);
            } else {
                count(all, slice, 1, 1, 0, true, typeOk);
                errors.add(error(LinkingError.Kind.WRONG_CANONICAL, article, field, pred.surface(),
                        truth.canonical(), pred.canonical(), truth.type(), pred.type(), context));
            }
        }
        for (int i = 0; i < gold.size(); i++) {
            if (!used[i]) {
                GoldMention missed = gold.get(i);
                count(all, AmbiguitySubset.contains(missed.surface()) ? amb : null, 0, 1, 0, false, false);
                errors.add(error(LinkingError.Kind.MISSED, article, field, missed.surface(), missed.canonical(), null,
                        missed.type(), null, goldContext(text, gold, i)));
            }
        }
        return new FieldAlignment(toScore(all), toScore(amb));
    }

    /** counts layout: tp, fp, fn, typeMatched, typeCorrect. */
    private static void count(int[] all, int[] slice, int fp, int fn, int tp, boolean matched, boolean typeOk) {
        for (int[] c : slice == null ? new int[][] {all} : new int[][] {all, slice}) {
            c[0] += tp;
            c[1] += fp;
            c[2] += fn;
            c[3] += matched ? 1 : 0;
            c[4] += matched && typeOk ? 1 : 0;
        }
    }

    private static Score toScore(int[] c) {
        return new Score(c[0], c[1], c[2], c[3], c[4]);
    }

    private static LinkingError error(LinkingError.Kind kind, GoldArticle article, TextField field, String surface,
            String goldCanonical, String predictedCanonical, EntityType goldType, EntityType predictedType,
            String context) {
        return new LinkingError(kind, article.id(), article.language(), field, surface, goldCanonical,
                predictedCanonical, goldType, predictedType, context);
    }

    /**
      * Context for a gold mention, which has no offsets: gold mentions are listed in order of appearance, so
      * walking them left to right (each at the first whole-word occurrence after the previous one) finds each
      * one's span, skipping occurrences inside earlier, longer mentions. Falls back to the first occurrence.
      */
    private static String goldContext(String text, List<GoldMention> gold, int index) {
        int cursor = 0;
        for (int i = 0; i <= index; i++) {
            Matcher m = GoldArticle.wordPattern(gold.get(i).surface()).matcher(text);
            if (!m.find(cursor)) {
                Matcher first = GoldArticle.wordPattern(gold.get(index).surface()).matcher(text);
                return first.find() ? snippet(text, first.start(), first.end()) : "";
            }
            if (i == index) {
                return snippet(text, m.start(), m.end());
            }
            cursor = m.end();
        }
        return "";
    }

    /** The text around [start, end) on one line, with the mention in [brackets]. */
    static String snippet(String text, int start, int end) {
        if (start < 0 || end > text.length() || start > end) {
            return "";
        }
        int from = Math.max(0, start - CONTEXT_CHARS);
        int to = Math.min(text.length(), end + CONTEXT_CHARS);
        String s = (from > 0 ? "…" : "") + text.substring(from, start) + "[" + text.substring(start, end) + "]"
                + text.substring(end, to) + (to < text.length() ? "…" : "");
        return s.replaceAll("\\s+", " ");
    }
}
