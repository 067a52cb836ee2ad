package io.newsflow.linking;

import java.util.List;
import java.util.function.ToIntFunction;

/**
  * Benchmark-only bridge into the linker's package: exposes the alias automaton pass on its own, built exactly
  * as {@link EntityLinker} builds it (same aliases, same blocker phrases), so matching can be timed apart from
  * disambiguation and topic tagging. Lives in the bench module, not in the linker.
  */
public final class BenchAccess {

    private BenchAccess() {}

    /** The matching pass for one story language: text in, number of surviving spans out. */
    public static ToIntFunction<String> matcher(Dictionary dictionary, String language) {
        AliasMatcher matcher = AliasMatcher.build(dictionary.entries(), language, blockers());
        return text -> matcher.find(text).size();
    }

    private static List<String> blockers() {
        return EntityLinker.loadBlockers();
    }
}
