package io.newsflow.registry;

import static io.newsflow.registry.Schemas.ARTICLE_V1;
import static io.newsflow.registry.Schemas.ARTICLE_WITHOUT_TITLE;
import static io.newsflow.registry.Schemas.ARTICLE_WITH_LANGUAGE_DEFAULT;
import static io.newsflow.registry.Schemas.ARTICLE_WITH_LANGUAGE_REQUIRED;
import static io.newsflow.registry.Schemas.PAGE_VIEW;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import io.newsflow.registry.CompatibilityChecker.Existing;
import org.apache.avro.Schema;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class CompatibilityCheckerTest {

    private final CompatibilityChecker checker = new CompatibilityChecker();

    @Test
    void addingAFieldWithoutDefaultIsForwardButNotBackward() {
        List<Existing> history = history(ARTICLE_V1);
        Schema candidate = parse(ARTICLE_WITH_LANGUAGE_REQUIRED);

        assertThat(checker.check(CompatibilityLevel.BACKWARD, candidate, history).compatible()).isFalse();
        assertThat(checker.check(CompatibilityLevel.FORWARD, candidate, history).compatible()).isTrue();
        assertThat(checker.check(CompatibilityLevel.FULL, candidate, history).compatible()).isFalse();
    }

    @Test
    void removingARequiredFieldIsBackwardButNotForward() {
        List<Existing> history = history(ARTICLE_V1);
        Schema candidate = parse(ARTICLE_WITHOUT_TITLE);

        assertThat(checker.check(CompatibilityLevel.BACKWARD, candidate, history).compatible()).isTrue();
        assertThat(checker.check(CompatibilityLevel.FORWARD, candidate, history).compatible()).isFalse();
    }

    @ParameterizedTest
    @EnumSource(CompatibilityLevel.class)
    void anOptionalFieldWithDefaultPassesEveryLevel(CompatibilityLevel level) {
        assertThat(checker.check(level, parse(ARTICLE_WITH_LANGUAGE_DEFAULT), history(ARTICLE_V1)).compatible())
            .isTrue();
    }

    @Test
    void transitiveLevelsCheckEveryVersionOthersOnlyTheLatest() {
        // v1 lacks language, v2 has it with a default; the candidate requires it
        List<Existing> history = history(ARTICLE_V1, ARTICLE_WITH_LANGUAGE_DEFAULT);
        Schema candidate = parse(ARTICLE_WITH_LANGUAGE_REQUIRED);

        assertThat(checker.check(CompatibilityLevel.BACKWARD, candidate, history).compatible()).isTrue();
        CompatibilityResult transitive = checker.check(CompatibilityLevel.BACKWARD_TRANSITIVE, candidate, history);
        assertThat(transitive.compatible()).isFalse();
        assertThat(transitive.messages()).singleElement().asString()
            .contains("BACKWARD").contains("version 1").contains("READER_FIELD_MISSING_DEFAULT_VALUE");
    }

    @Test
    void noneAndAnEmptyHistoryAcceptAnything() {
        assertThat(checker.check(CompatibilityLevel.NONE, parse(PAGE_VIEW), history(ARTICLE_V1)).compatible()).isTrue();
        assertThat(checker.check(CompatibilityLevel.FULL_TRANSITIVE, parse(PAGE_VIEW), List.of()).compatible()).isTrue();
    }

    @Test
    void anUnrelatedSchemaFailsWithMessages() {
        CompatibilityResult result = checker.check(CompatibilityLevel.FULL, parse(PAGE_VIEW), history(ARTICLE_V1));

        assertThat(result.compatible()).isFalse();
        assertThat(result.messages()).anyMatch(m -> m.startsWith("BACKWARD")).anyMatch(m -> m.startsWith("FORWARD"));
    }

    private static List<Existing> history(String... schemas) {
        List<Existing> history = new ArrayList<>();
        for (int i = 0; i < schemas.length; i++) {
            history.add(new Existing(i + 1, parse(schemas[i])));
        }
        return history;
    }

    private static Schema parse(String schema) {
        return new Schema.Parser().parse(schema);
    }
}
