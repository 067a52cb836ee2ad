package io.newsflow.registry;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * Confluent's compatibility levels.
 *
 * <ul>
 *   <li>BACKWARD: the new schema can read data written with the previous one (upgrade consumers first).</li>
 *   <li>FORWARD: the previous schema can read data written with the new one (upgrade producers first).</li>
 *   <li>FULL: both.</li>
 *   <li>{@code *_TRANSITIVE}: the same rule against every live version, not only the latest.</li>
 * </ul>
 */
public enum CompatibilityLevel {
    NONE(false, false, false),
    BACKWARD(true, false, false),
    BACKWARD_TRANSITIVE(true, false, true),
    FORWARD(false, true, false),
    FORWARD_TRANSITIVE(false, true, true),
    FULL(true, true, false),
    FULL_TRANSITIVE(true, true, true);

    private final boolean backward;
    private final boolean forward;
    private final boolean transitive;

    CompatibilityLevel(boolean backward, boolean forward, boolean transitive) {
        this.backward = backward;
        this.forward = forward;
        this.transitive = transitive;
    }

    /** Case-insensitive lookup; empty for unknown names. */
    public static Optional<CompatibilityLevel> parse(String name) {
        if (name == null) {
            return Optional.empty();
        }
        String wanted = name.trim().toUpperCase(Locale.ROOT);
        return Arrays.stream(values()).filter(level -> level.name().equals(wanted)).findFirst();
    }

    /** New schema must be able to read data written with the existing ones. */
    public boolean checksBackward() {
        return backward;
    }

    /** Existing schemas must be able to read data written with the new one. */
    public boolean checksForward() {
        return forward;
    }

    /** Check against every live version instead of only the latest. */
    public boolean transitive() {
        return transitive;
    }
}
