package io.newsflow.bench;

import io.newsflow.linking.BenchAccess;
import io.newsflow.linking.Dictionary;
import io.newsflow.linking.DictionaryEntry;
import io.newsflow.linking.EntityLinker;
import io.newsflow.linking.LinkingResult;
import io.newsflow.linking.StoryText;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.ToIntFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
  * Throughput of the enrichment step on real news text, single-threaded.
  *
  * <p>One benchmark operation is one story (headline + body), taken round-robin from the stories of the chosen
  * language. The secondary result {@code chars} counts the characters processed, so JMH reports it directly as
  * characters per second ("{@code EnrichmentBenchmark.link:chars ... ops/s}" = chars/s on one core).
  *
  * <ul>
  *   <li>{@code link}: the whole {@link EntityLinker#link} call: matching, disambiguation, topic tags;
  *   <li>{@code matchOnly}: only the alias automaton pass with its boundary/case/longest-match rules;
  *   <li>{@code naiveRegex}: the baseline a first attempt would write: one precompiled {@code \b<alias>\b}
  *       pattern per dictionary alias (names, surnames, short forms; case-sensitive), each run over the text.
  * </ul>
  */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 6, time = 3)
@Measurement(iterations = 5, time = 3)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx2g"})
@Threads(1)
public class EnrichmentBenchmark {

    private static final ThreadMXBean THREAD_CPU = ManagementFactory.getThreadMXBean();

    /** Dictionary and stories, built once per trial and shared read-only. */
    @State(Scope.Benchmark)
    public static class Setting {
        @Param({"en", "uk"})
        public String language;

        @Param({Dictionaries.DEFAULT, Dictionaries.SYNTHETIC})
        public String dictionary;

        StoryText[] stories;
        EntityLinker linker;
        ToIntFunction<String> matcher;
        Pattern[] patterns;

        @Setup(Level.Trial)
        public void setUp() {
            Dictionary dict = Dictionaries.load(dictionary);
            stories = Corpus.stories(language).toArray(StoryText[]::new);
            linker = EntityLinker.create(dict);
            matcher = BenchAccess.matcher(dict, language);
            patterns = aliases(dict, language).stream()
                    .map(alias -> Pattern.compile("\\b" + Pattern.quote(alias) + "\\b"))
                    .toArray(Pattern[]::new);
            long chars = 0;
            for (StoryText s : stories) {
                chars += Corpus.chars(s);
            }
            System.out.printf("%n[setup] dictionary=%s entries=%d aliases(%s)=%d stories=%d avgChars=%d%n",
                    dictionary, dict.size(), language, patterns.length, stories.length, chars / stories.length);
        }
    }

    /** Every surface form the automaton for this language holds, deduplicated. */
    static Set<String> aliases(Dictionary dict, String language) {
        Set<String> aliases = new LinkedHashSet<>();
        for (DictionaryEntry e : dict.entries()) {
            for (List<String> forms : List.of(e.aliasesFor(language), e.surnames(), e.shortForms())) {
                for (String f : forms) {
                    if (!f.isBlank()) {
                        aliases.add(f.strip());
                    }
                }
            }
        }
        return aliases;
    }

    /** Round-robin cursor plus the characters counter JMH reports as a rate (chars/s). */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.OPERATIONS)
    public static class Chars {
        /** Characters processed; reported by JMH as chars per second. */
        public long chars;
        int next;
        Matcher[] matchers;

        /** CPU time of the benchmark thread when the iteration began. */
        long cpuAtStart;

        @Setup(Level.Iteration)
        public void reset(Setting setting) {
            chars = 0;
            cpuAtStart = THREAD_CPU.getCurrentThreadCpuTime();
            if (matchers == null) {
                matchers = new Matcher[setting.patterns.length];
                for (int i = 0; i < matchers.length; i++) {
                    matchers[i] = setting.patterns[i].matcher("");
                }
            }
        }

        /**
          * Characters per second of this thread's CPU time. On a machine shared with other work the wall-clock
          * rate JMH reports also counts the time the thread waited for a core; this one does not, so it is the
          * rate per core the issue asks for. Printed per iteration beside JMH's figures.
          */
        @TearDown(Level.Iteration)
        public void reportCpuRate() {
            long cpuNanos = THREAD_CPU.getCurrentThreadCpuTime() - cpuAtStart;
            if (cpuNanos > 0) {
                System.out.printf("[cpu] %.2f M chars per CPU-second%n", chars / (cpuNanos / 1e9) / 1e6);
            }
        }

        StoryText next(Setting setting) {
            StoryText s = setting.stories[next];
            next = next + 1 == setting.stories.length ? 0 : next + 1;
            chars += Corpus.chars(s);
            return s;
        }
    }

    @Benchmark
    public LinkingResult link(Setting setting, Chars counter) {
        return setting.linker.link(counter.next(setting));
    }

    @Benchmark
    public int matchOnly(Setting setting, Chars counter) {
        StoryText s = counter.next(setting);
        return setting.matcher.applyAsInt(s.headline()) + setting.matcher.applyAsInt(s.body());
    }

    @Benchmark
    public int naiveRegex(Setting setting, Chars counter) {
        StoryText s = counter.next(setting);
        int found = 0;
        for (Matcher m : counter.matchers) {
            m.reset(s.headline());
            while (m.find()) {
                found++;
            }
            m.reset(s.body());
            while (m.find()) {
                found++;
            }
        }
        return found;
    }
}
