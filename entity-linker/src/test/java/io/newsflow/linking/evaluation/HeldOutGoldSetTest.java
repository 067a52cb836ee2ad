package io.newsflow.linking.evaluation;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
  * The held-out gold set (src/test/resources/gold/newsflow-heldout.jsonl), written and committed before the linker
  * ever ran on it. Its first and only measurement was F1 0.821; it is never used to tune the linker, so it is the
  * honest measure of how the linker generalises. The floor only catches a regression; see docs/quality.md.
  */
class HeldOutGoldSetTest {

    /** Just under the first measurement (0.821), so any real regression fails the build. */
    static final double MIN_F1 = 0.80;

    static final String RESOURCE = "/gold/newsflow-heldout.jsonl";

    private static List<GoldArticle> gold;
    private static EvaluationReport report;

    @BeforeAll
    static void evaluate() {
        InputStream in = HeldOutGoldSetTest.class.getResourceAsStream(RESOURCE);
        assertThat(in).as("classpath resource " + RESOURCE).isNotNull();
        gold = GoldArticle.readJsonl(in, RESOURCE);
        report = Evaluator.withDefaultLinker().evaluate("held-out gold set " + RESOURCE, gold);
        System.out.println(report.render());
    }

    @Test
    void heldOutSetIsTheOneDocumented() {
        assertThat(gold).as("stories").hasSize(32);
        assertThat(gold).extracting(GoldArticle::id).doesNotHaveDuplicates().allMatch(id -> id.matches("h\\d{3}"));
        assertThat(report.articlesByLanguage().getOrDefault("uk", 0)).as("Ukrainian stories").isEqualTo(8);
    }

    @Test
    void overallF1DoesNotRegress() {
        assertThat(report.overall().f1())
                .withFailMessage("Entity-linking F1 on the held-out set fell to %.4f (floor %.2f).%n%n%s",
                        report.overall().f1(), MIN_F1, report.render())
                .isGreaterThanOrEqualTo(MIN_F1);
    }
}
