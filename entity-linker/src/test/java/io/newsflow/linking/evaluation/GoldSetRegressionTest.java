package io.newsflow.linking.evaluation;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
  * The project's own gold set (src/test/resources/gold/newsflow-gold.jsonl: stories written for Newsflow,
  * labelled by the corpus conventions) scored on every build. Overall F1 below {@value #MIN_F1} fails the build,
  * with the full report, worst errors included, as the failure message. See docs/quality.md.
  */
class GoldSetRegressionTest {

    /** The floor the issue sets for the in-repo gold set. Do not lower it to make a build pass. */
    static final double MIN_F1 = 0.93;

    static final String RESOURCE = "/gold/newsflow-gold.jsonl";

    private static List<GoldArticle> gold;
    private static EvaluationReport report;

    @BeforeAll
    static void evaluate() {
        InputStream in = GoldSetRegressionTest.class.getResourceAsStream(RESOURCE);
        assertThat(in).as("classpath resource " + RESOURCE).isNotNull();
        gold = GoldArticle.readJsonl(in, RESOURCE);
        report = Evaluator.withDefaultLinker().evaluate("in-repo gold set " + RESOURCE, gold);
        System.out.println(report.render());
    }

    @Test
    void goldSetIsTheOneDocumented() {
        Map<String, Integer> byLanguage = report.articlesByLanguage();
        assertThat(gold).as("stories").hasSizeGreaterThanOrEqualTo(30);
        assertThat(byLanguage.getOrDefault("uk", 0)).as("Ukrainian stories").isGreaterThanOrEqualTo(6);
        assertThat(gold).extracting(GoldArticle::id).doesNotHaveDuplicates().allMatch(id -> id.matches("g\\d{3}"));
        assertThat(report.ambiguity().gold()).as("gold mentions in the ambiguity subset").isGreaterThanOrEqualTo(40);
    }

    @Test
    void overallF1StaysAboveTheFloor() {
        assertThat(report.overall().f1())
                .withFailMessage("Entity-linking F1 on the in-repo gold set fell to %.4f (floor %.2f).%n%n%s",
                        report.overall().f1(), MIN_F1, report.render())
                .isGreaterThanOrEqualTo(MIN_F1);
    }
}
