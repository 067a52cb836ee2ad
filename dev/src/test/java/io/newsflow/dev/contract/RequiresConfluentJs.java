package io.newsflow.dev.contract;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Skips a test class, with the reason on stderr, where Confluent's JavaScript serde cannot run: no
 * {@code node} executable, or {@code node_modules} not installed (the {@code confluent-js} Maven profile
 * runs {@code npm ci} during {@code mvn verify} only where npm exists). Evaluated before any broker starts.
 */
final class RequiresConfluentJs implements ExecutionCondition {

    private static final String[] REQUIRED_PACKAGES = {"@confluentinc/schemaregistry", "kafkajs"};

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        if (context.getTestMethod().isPresent()) {
            return ConditionEvaluationResult.enabled("decided for the whole class");
        }
        Optional<String> missing = missingPrerequisite();
        if (missing.isEmpty()) {
            return ConditionEvaluationResult.enabled("node and Confluent's JavaScript serde are installed");
        }
        String reason = "SKIPPED " + context.getDisplayName() + ": " + missing.get();
        System.err.println(reason);
        return ConditionEvaluationResult.disabled(reason);
    }

    static Optional<String> missingPrerequisite() {
        if (ConfluentJs.node().isEmpty()) {
            return Optional.of("no `node` executable on PATH (or -D" + ConfluentJs.NODE_PROPERTY + "), so Confluent's "
                + "JavaScript serde cannot run here. Install Node.js 18+ and npm, then run `mvn verify` again.");
        }
        Path directory = ConfluentJs.directory();
        for (String pkg : REQUIRED_PACKAGES) {
            Path manifest = directory.resolve("node_modules").resolve(pkg).resolve("package.json");
            if (!Files.isRegularFile(manifest)) {
                return Optional.of("npm package " + pkg + " is not installed in " + directory.resolve("node_modules")
                    + ". `mvn verify` runs `npm ci` there where /usr/bin/npm exists (profile confluent-js); "
                    + "elsewhere run `npm ci` in " + directory + " by hand.");
            }
        }
        return Optional.empty();
    }
}
