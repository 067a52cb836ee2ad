package io.newsflow.registry;

import java.util.List;

/** Outcome of a compatibility check; {@code messages} explains each incompatibility found. */
public record CompatibilityResult(boolean compatible, List<String> messages) {

    public CompatibilityResult {
        messages = List.copyOf(messages);
    }

    public static CompatibilityResult ok() {
        return new CompatibilityResult(true, List.of());
    }
}
