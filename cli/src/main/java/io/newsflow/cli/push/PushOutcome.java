package io.newsflow.cli.push;

import java.time.Duration;
import java.util.Comparator;
import java.util.List;

/** Every story's result, in file and line order, and how long the push took. */
public record PushOutcome(List<StoryResult> results, int files, Duration elapsed) {

    static final Comparator<StoryResult> ORDER = Comparator.comparingInt(StoryResult::fileIndex).thenComparingInt(StoryResult::line);

    public PushOutcome {
        results = results.stream().sorted(ORDER).toList();
    }

    public long accepted() {
        return results.stream().filter(StoryResult::isAccepted).count();
    }

    public List<StoryResult> failures() {
        return results.stream().filter(result -> !result.isAccepted()).toList();
    }

    public boolean allAccepted() {
        return failures().isEmpty();
    }
}
