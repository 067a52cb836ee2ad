package io.newsflow.linking.evaluation;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
  * The immutable result of one {@link Evaluator} run: micro P/R/F1 over (mention occurrence, canonical) pairs
  * overall, on the ambiguity subset and per language, type accuracy over matched pairs, tag agreement with
  * {@code gold_topics}, and every error with its context.
  */
public final class EvaluationReport {

    /** How many error groups {@link #render()} lists. */
    public static final int DEFAULT_WORST = 20;

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final String source;
    private final int articleCount;
    private final Map<String, Integer> articlesByLanguage;
    private final Score overall;
    private final Score ambiguity;
    private final Map<String, Score> byLanguage;
    private final TagScore tags;
    private final List<LinkingError> errors;
    private final List<ErrorGroup> errorGroups;

    EvaluationReport(String source, int articleCount, Map<String, Integer> articlesByLanguage, Score overall,
            Score ambiguity, Map<String, Score> byLanguage, TagScore tags, List<LinkingError> errors) {
        this.source = Objects.requireNonNull(source);
        this.articleCount = articleCount;
        this.articlesByLanguage = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(articlesByLanguage));
        this.overall = overall;
        this.ambiguity = ambiguity;
        this.byLanguage = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(byLanguage));
        this.tags = tags;
        this.errors = List.copyOf(errors);
        this.errorGroups = group(this.errors);
    }

    public String source() {
        return source;
    }

    public int articleCount() {
        return articleCount;
    }

    /** Articles per language code, sorted by code. */
    public Map<String, Integer> articlesByLanguage() {
        return articlesByLanguage;
    }

    public Score overall() {
        return overall;
    }

    /** The score restricted to the {@link AmbiguitySubset}. */
    public Score ambiguity() {
        return ambiguity;
    }

    /** Score per language code, sorted by code. */
    public Map<String, Score> byLanguage() {
        return byLanguage;
    }

    public TagScore tags() {
        return tags;
    }

    /** Every error, article by article, in the order the alignment found them. */
    public List<LinkingError> errors() {
        return errors;
    }

    /** Errors on ambiguity-subset surfaces. */
    public List<LinkingError> ambiguityErrors() {
        return errors.stream().filter(LinkingError::ambiguous).toList();
    }

    /** All error groups, worst first: by impact (FP + FN), then count, then surface. */
    public List<ErrorGroup> errorGroups() {
        return errorGroups;
    }

    /** The {@code n} worst error groups. */
    public List<ErrorGroup> worstErrors(int n) {
        return errorGroups.subList(0, Math.min(Math.max(n, 0), errorGroups.size()));
    }

    private static List<ErrorGroup> group(List<LinkingError> errors) {
        record Key(LinkingError.Kind kind, String surface, String gold, String predicted) {}
        Map<Key, List<LinkingError>> groups = new LinkedHashMap<>();
        for (LinkingError e : errors) {
            groups.computeIfAbsent(new Key(e.kind(), e.surface(), e.goldCanonical(), e.predictedCanonical()),
                    k -> new ArrayList<>()).add(e);
        }
        List<ErrorGroup> result = new ArrayList<>();
        groups.forEach((k, list) -> {
            Set<String> ids = new LinkedHashSet<>();
            list.forEach(e -> ids.add(e.articleId()));
            result.add(new ErrorGroup(k.kind(), k.surface(), k.gold(), k.predicted(), list.size(), List.copyOf(ids),
                    list.get(0)));
        });
        result.sort(Comparator.comparingInt(ErrorGroup::impact).reversed()
                .thenComparing(Comparator.comparingInt(ErrorGroup::count).reversed())
                .thenComparing(ErrorGroup::surface)
                .thenComparing(g -> g.kind().ordinal()));
        return List.copyOf(result);
    }

    /** {@link #render(int)} with the {@value #DEFAULT_WORST} worst error groups. */
    public String render() {
        return render(DEFAULT_WORST);
    }

    /** A plain-text report: the score table, then the worst error groups and the ambiguity-subset errors. */
    public String render(int worst) {
        StringBuilder out = new StringBuilder();
        out.append("Entity linking evaluation: ").append(source).append('\n');
        out.append(String.format(Locale.ROOT, "%d articles (%s); %d gold mentions, %d predicted%n%n", articleCount,
                languages(), overall.gold(), overall.predicted()));
        out.append(String.format(Locale.ROOT, "%-18s %6s %6s %6s %6s %6s %6s %9s%n", "slice", "P", "R", "F1", "TP",
                "FP", "FN", "type-acc"));
        row(out, "overall", overall);
        row(out, "ambiguity subset", ambiguity);
        byLanguage.forEach((language, score) -> row(out, "language " + language, score));
        out.append(String.format(Locale.ROOT, "%ntype accuracy over matched pairs: %.3f (%d of %d)%n",
                overall.typeAccuracy(), overall.typeCorrect(), overall.typeMatched()));
        out.append(String.format(Locale.ROOT,
                "tags vs gold_topics: P=%.3f R=%.3f F1=%.3f (%d of %d predicted labels in gold; %d gold labels)%n",
                tags.precision(), tags.recall(), tags.f1(), tags.hits(), tags.predicted(), tags.gold()));

        List<ErrorGroup> top = worstErrors(worst);
        out.append(String.format(Locale.ROOT, "%nWorst errors (%d of %d groups, %d errors; impact = FP+FN cost):%n",
                top.size(), errorGroups.size(), errors.size()));
        if (top.isEmpty()) {
            out.append("  none\n");
        }
        for (int i = 0; i < top.size(); i++) {
            ErrorGroup g = top.get(i);
            out.append(String.format(Locale.ROOT, "%3d. %-8s x%-3d impact %-3d %s%n", i + 1, g.kind().label(),
                    g.count(), g.impact(), describe(g.kind(), g.surface(), g.goldCanonical(), g.predictedCanonical())));
            LinkingError ex = g.example();
            out.append(String.format(Locale.ROOT, "       %s %s: %s%s%n", ex.articleId(),
                    ex.field().name().toLowerCase(Locale.ROOT), ex.context(),
                    g.articles().size() > 1 ? "  (also " + String.join(", ", g.articles().subList(1,
                            Math.min(g.articles().size(), 8))) + (g.articles().size() > 8 ? ", …" : "") + ")" : ""));
        }

        List<LinkingError> amb = ambiguityErrors();
        out.append(String.format(Locale.ROOT, "%nAmbiguity-subset errors (%d):%n", amb.size()));
        if (amb.isEmpty()) {
            out.append("  none\n");
        }
        for (LinkingError e : amb) {
            out.append(String.format(Locale.ROOT, "  %s %-8s %s | %s%n", e.articleId(), e.kind().label(),
                    describe(e.kind(), e.surface(), e.goldCanonical(), e.predictedCanonical()), e.context()));
        }
        return out.toString();
    }

    private String languages() {
        List<String> parts = new ArrayList<>();
        articlesByLanguage.forEach((language, n) -> parts.add(language + " " + n));
        return String.join(", ", parts);
    }

    private static void row(StringBuilder out, String name, Score s) {
        out.append(String.format(Locale.ROOT, "%-18s %6.3f %6.3f %6.3f %6d %6d %6d %9s%n", name, s.precision(),
                s.recall(), s.f1(), s.tp(), s.fp(), s.fn(),
                s.typeMatched() == 0 ? "-" : String.format(Locale.ROOT, "%.3f", s.typeAccuracy())));
    }

    private static String describe(LinkingError.Kind kind, String surface, String gold, String predicted) {
        return switch (kind) {
            case MISSED -> "\"" + surface + "\" gold " + gold + ", not linked";
            case SPURIOUS -> "\"" + surface + "\" linked to " + predicted + ", not in gold";
            case WRONG_CANONICAL -> "\"" + surface + "\" gold " + gold + ", linked to " + predicted;
        };
    }

    /** The report as JSON (scores, ambiguity errors and the {@code worst} worst error groups). */
    public String toJson(int worst) {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("source", source);
        root.put("articles", articleCount);
        root.put("articlesByLanguage", articlesByLanguage);
        root.put("overall", scoreJson(overall));
        root.put("ambiguitySubset", scoreJson(ambiguity));
        Map<String, Object> languages = new LinkedHashMap<>();
        byLanguage.forEach((language, score) -> languages.put(language, scoreJson(score)));
        root.put("byLanguage", languages);
        Map<String, Object> tagJson = new LinkedHashMap<>();
        tagJson.put("precision", round(tags.precision()));
        tagJson.put("recall", round(tags.recall()));
        tagJson.put("f1", round(tags.f1()));
        tagJson.put("hits", tags.hits());
        tagJson.put("predicted", tags.predicted());
        tagJson.put("gold", tags.gold());
        root.put("tags", tagJson);
        root.put("errorCount", errors.size());
        List<Object> worstJson = new ArrayList<>();
        for (ErrorGroup g : worstErrors(worst)) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("kind", g.kind().label());
            m.put("surface", g.surface());
            m.put("gold", g.goldCanonical());
            m.put("predicted", g.predictedCanonical());
            m.put("count", g.count());
            m.put("impact", g.impact());
            m.put("articles", g.articles());
            m.put("example", errorJson(g.example()));
            worstJson.add(m);
        }
        root.put("worstErrors", worstJson);
        root.put("ambiguityErrors", ambiguityErrors().stream().map(EvaluationReport::errorJson).toList());
        try {
            return JSON.writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Map<String, Object> scoreJson(Score s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("precision", round(s.precision()));
        m.put("recall", round(s.recall()));
        m.put("f1", round(s.f1()));
        m.put("tp", s.tp());
        m.put("fp", s.fp());
        m.put("fn", s.fn());
        m.put("typeAccuracy", round(s.typeAccuracy()));
        m.put("typeMatched", s.typeMatched());
        return m;
    }

    private static Map<String, Object> errorJson(LinkingError e) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("kind", e.kind().label());
        m.put("article", e.articleId());
        m.put("field", e.field().name().toLowerCase(Locale.ROOT));
        m.put("surface", e.surface());
        m.put("gold", e.goldCanonical());
        m.put("predicted", e.predictedCanonical());
        m.put("goldType", e.goldType());
        m.put("predictedType", e.predictedType());
        m.put("context", e.context());
        return m;
    }

    private static double round(double v) {
        return Math.round(v * 10000) / 10000.0;
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "EvaluationReport[%s: F1=%.3f, ambiguity F1=%.3f, %d errors]", source,
                overall.f1(), ambiguity.f1(), errors.size());
    }
}
