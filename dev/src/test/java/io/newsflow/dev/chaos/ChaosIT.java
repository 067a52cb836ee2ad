package io.newsflow.dev.chaos;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.newsflow.platform.kafka.DeadLetterTopic;
import io.newsflow.platform.kafka.Topics;
import io.newsflow.schemas.ArticleEnriched;
import io.newsflow.schemas.ArticlePublished;
import io.newsflow.testkit.KafkaBrokerExtension;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Chaos: the pipeline as five separate JVMs (broker, registry, enrich, feed, ingest) takes 20,000 stories with
 * updates and kills at a steady rate while every service is killed with SIGKILL once, at a random moment, and the
 * broker is killed and restarted once. Then:
 * <ul>
 *   <li>every acknowledged story is in the feed exactly once, at its latest acknowledged version, and every killed
 *       story is gone (absent from the feed, {@code 410} on its article URL);
 *   <li>a {@code read_committed} consumer sees each (story, version) at most once on every output topic
 *       ({@code articles.published}, {@code articles.enriched}, {@code articles.latest-state}, {@code feed.events}),
 *       and exactly the acknowledged ones on the first two;
 *   <li>every dead-letter topic is empty.
 * </ul>
 * A push may fail while a process is down; the client then sends the same batch again with the same
 * {@code Idempotency-Key}, and the test requires every push to be acknowledged in the end (within 90 s of its first
 * attempt): a service that stays stuck fails the test rather than shrinking what it checks.
 *
 * <p>{@code -Dchaos.seed=N} replays a run's plan and the order and moments of the disruptions. Each process logs to
 * {@code target/chaos-it/logs/<process>-<incarnation>.log}; the data directory is kept when the test fails.
 */
class ChaosIT {

    private static final int STORIES = 20_000;
    private static final double UPDATE_SHARE = 0.15;
    private static final double KILL_SHARE = 0.05;
    /** About 25,000 operations in about 100 s. */
    private static final double OPS_PER_SECOND = 250;
    /** A batch still failing after this long is given up (and the test fails: no service may stay down that long). */
    private static final Duration GIVE_UP_AFTER = Duration.ofSeconds(90);
    /** The broker is restarted by SIGKILL (log recovery on start), not by a clean shutdown. */
    private static final boolean BROKER_BY_SIGKILL = true;

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final Path root = Path.of("target", "chaos-it").toAbsolutePath();
    private ProcessStack stack;
    private SteadyPusher pusher;
    private ScheduledExecutorService chaos;
    private boolean passed;

    /** One disruption and how the process came back. */
    record Disruption(String what, double atSeconds, int exitStatus, double backAfterSeconds) {
    }

    @AfterEach
    void tearDown() {
        if (chaos != null) {
            chaos.shutdownNow();
        }
        if (pusher != null) {
            pusher.close();
        }
        if (stack != null) {
            stack.close();
        }
        if (passed) {
            KafkaBrokerExtension.Directories.deleteRecursively(root.resolve("data"));
        }
    }

    @Test
    void noAcknowledgedStoryIsLostOrDuplicatedWhileProcessesAreKilled() throws Exception {
        long testStart = System.nanoTime();
        long seed = Long.getLong("chaos.seed", new Random().nextLong());
        Random random = new Random(seed);
        String run = Long.toString(Math.abs(seed % 46_656), 36);
        System.out.printf("ChaosIT seed %d (replay with -Dchaos.seed=%d), %s%n", seed, seed, loadAverage());
        KafkaBrokerExtension.Directories.deleteRecursively(root);
        Files.createDirectories(root);

        // Given the pipeline as five JVMs: broker, registry, enrich, feed and ingest
        stack = new ProcessStack(root).start();
        double startSeconds = seconds(testStart);

        // and an editors' plan of 20,000 stories with updates and kills
        StoryPlan plan = StoryPlan.generate(run, STORIES, UPDATE_SHARE, KILL_SHARE, seed);
        double pushSeconds = plan.ops().size() / OPS_PER_SECOND;

        // When the plan is pushed at a steady rate
        pusher = new SteadyPusher(run, stack.ingestUrl(), plan, OPS_PER_SECOND, GIVE_UP_AFTER).start();

        // while each service is SIGKILLed once and the broker is restarted once, at random moments
        List<Future<Disruption>> disruptions = scheduleChaos(random, pushSeconds);
        List<Disruption> timeline = new ArrayList<>();
        try {
            for (Future<Disruption> disruption : disruptions) {
                timeline.add(disruption.get((long) pushSeconds + 180, TimeUnit.SECONDS));
            }
            await("every push settled").atMost(Duration.ofSeconds((long) pushSeconds + 120))
                .pollInterval(Duration.ofMillis(500)).until(pusher::isDone);
        } finally {
            System.out.println(pushReport(plan, timeline));
        }
        double pushedAfter = seconds(testStart);

        // Then each kill was a real SIGKILL, and every process is up again
        assertThat(timeline).allSatisfy(d -> assertThat(d.exitStatus()).as(d.what()).isEqualTo(ChildJvm.KILLED_BY_SIGKILL));
        stack.services().forEach(stack::awaitReady);

        // and every push was answered: acknowledged, possibly after retries with its Idempotency-Key
        List<SteadyPusher.Outcome> outcomes = pusher.outcomes();
        assertNone("answers that contradict the plan or an earlier answer", pusher.anomalies());
        assertNone("refused pushes", outcomes.stream().filter(o -> o.refusal != null).map(o -> o.refusal).toList());
        assertNone("pushes still unacknowledged after " + GIVE_UP_AFTER.toSeconds() + " s of retries",
            outcomes.stream().filter(o -> o.lost).map(o -> o.op.kind() + " " + o.op.storyId() + " v" + o.op.version()).toList());

        Expected expected = Expected.from(outcomes);

        // and the feed converges to exactly the acknowledged stories, each once, at its latest version
        long convergeStart = System.nanoTime();
        await("feed holds every acknowledged story once at its latest version").atMost(Duration.ofSeconds(120))
            .pollInterval(Duration.ofSeconds(2)).untilAsserted(() -> {
                List<String> feed = feedItems(stack.feedUrl());
                assertNone("stories listed more than once in the feed", repeated(feed));
                assertSame("feed (story=version)", expected.feed(), feed);
            });
        double convergedAfter = seconds(convergeStart);

        // and killed stories are gone: not listed (above), and 410 on their article URL
        for (String killed : expected.killed()) {
            assertThat(status(stack.feedUrl().resolve("/articles/" + killed))).as("GET /articles/%s", killed).isEqualTo(410);
        }

        // and a read_committed consumer of every output topic sees each (story, version) at most once
        String bootstrap = stack.bootstrapServers();
        String registry = stack.registryUrl().toString();
        var published = CommittedTopic.read(bootstrap, registry, Topics.ARTICLES_PUBLISHED);
        var enriched = CommittedTopic.read(bootstrap, registry, Topics.ARTICLES_ENRICHED);
        var latest = CommittedTopic.read(bootstrap, registry, Topics.ARTICLES_LATEST_STATE);
        var events = CommittedTopic.read(bootstrap, registry, Topics.FEED_EVENTS);
        Map<String, List<String>> versionsSeen = new LinkedHashMap<>();
        versionsSeen.put(Topics.ARTICLES_PUBLISHED.name(), versions(published, ArticlePublished::getVersion));
        versionsSeen.put(Topics.ARTICLES_ENRICHED.name(), versions(enriched, e -> e.getArticle().getVersion()));
        versionsSeen.put(Topics.ARTICLES_LATEST_STATE.name(), versions(latest, e -> e.getArticle().getVersion()));
        versionsSeen.put(Topics.FEED_EVENTS.name(), versions(events, e -> e.getArticle().getVersion()));
        Map<String, Integer> duplicates = new LinkedHashMap<>();
        versionsSeen.forEach((topic, versions) -> duplicates.put(topic, repeated(versions).size()));
        versionsSeen.forEach((topic, versions) -> assertNone("(story@version) repeated on " + topic, repeated(versions)));

        // and exactly the acknowledged versions, kills included, were published and enriched
        assertSame(Topics.ARTICLES_PUBLISHED.name() + " (story@version)", expected.versions(),
            versionsSeen.get(Topics.ARTICLES_PUBLISHED.name()));
        assertSame(Topics.ARTICLES_ENRICHED.name() + " (story@version)", expected.versions(),
            versionsSeen.get(Topics.ARTICLES_ENRICHED.name()));

        // and downstream, the last word on each story is its latest version, or a tombstone once killed
        assertSame(Topics.ARTICLES_LATEST_STATE.name() + ", last record per story", expected.lastWord(), lastWord(latest));
        assertSame(Topics.FEED_EVENTS.name() + ", last record per story", expected.lastWord(), lastWord(events));
        assertNone("stories entering twice or leaving twice in a row on feed.events", outOfTurn(events));

        // and nothing was dead-lettered
        Map<String, Integer> deadLetters = new LinkedHashMap<>();
        for (DeadLetterTopic dlq : Topics.deadLetters()) {
            deadLetters.put(dlq.name(), CommittedTopic.readBytes(bootstrap, dlq.name()).size());
        }
        assertThat(deadLetters).as("dead letters").allSatisfy((topic, count) -> assertThat(count).as(topic).isZero());

        passed = true;
        System.out.println(verdict(outcomes, published, duplicates, deadLetters, expected, startSeconds, pushedAfter,
            convergedAfter, seconds(testStart)));
    }

    /**
     * Four disruptions in random order, each at a random moment in its own quarter of the push (after a 10 s
     * warm-up, ending 15 s before the plan runs out), run one after the other: a disruption starts only once the
     * previous one's process is back.
     */
    private List<Future<Disruption>> scheduleChaos(Random random, double pushSeconds) {
        List<String> order = new ArrayList<>(List.of("ingest", "enrich", "feed", "broker"));
        Collections.shuffle(order, random);
        chaos = Executors.newSingleThreadScheduledExecutor(r -> new Thread(r, "chaos"));
        double from = 10;
        double slot = (pushSeconds - 15 - from) / order.size();
        long start = pusher.startedAtMs();
        List<Future<Disruption>> scheduled = new ArrayList<>();
        for (int i = 0; i < order.size(); i++) {
            String target = order.get(i);
            double at = from + slot * i + random.nextDouble() * slot * 0.5;
            long delayMs = start + (long) (at * 1000) - System.currentTimeMillis();
            scheduled.add(chaos.schedule(() -> disrupt(target, start), Math.max(0, delayMs), TimeUnit.MILLISECONDS));
        }
        return scheduled;
    }

    private Disruption disrupt(String target, long pushStartMs) {
        double at = (System.currentTimeMillis() - pushStartMs) / 1000.0;
        long began = System.nanoTime();
        int exit;
        if (target.equals("broker")) {
            ChildJvm broker = stack.broker();
            exit = BROKER_BY_SIGKILL ? broker.kill() : broker.stop();
            stack.startBroker();
            stack.services().forEach(stack::awaitReady);
        } else {
            ChildJvm service = stack.services().stream().filter(s -> s.name().equals(target)).findFirst().orElseThrow();
            exit = service.kill();
            service.start();
            stack.awaitReady(service);
        }
        Disruption disruption = new Disruption((target.equals("broker") && !BROKER_BY_SIGKILL ? "stop " : "SIGKILL ") + target,
            at, exit, seconds(began));
        System.out.printf("ChaosIT %6.1f s  %-15s exit %d, back and ready after %.1f s%n", at, disruption.what(), exit,
            disruption.backAfterSeconds());
        return disruption;
    }

    /** What the acknowledged pushes say the pipeline must hold. */
    private record Expected(Map<String, Integer> live, Set<String> killed, List<String> versions) {

        static Expected from(List<SteadyPusher.Outcome> outcomes) {
            Map<String, Integer> live = new HashMap<>();
            Set<String> killed = new HashSet<>();
            List<String> versions = new ArrayList<>();
            for (SteadyPusher.Outcome o : outcomes) {
                String id = o.op.storyId();
                versions.add(id + "@" + o.ackedVersion);
                if (o.op.kind() == StoryPlan.Kind.KILL) {
                    live.remove(id);
                    killed.add(id);
                } else {
                    live.merge(id, o.ackedVersion, Math::max);
                }
            }
            return new Expected(live, killed, versions);
        }

        /** "story=version" of every story the feed must list. */
        List<String> feed() {
            return live.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toList();
        }

        /** "story=vN" for a live story, "story=killed" for a killed one. */
        List<String> lastWord() {
            List<String> last = new ArrayList<>();
            live.forEach((id, version) -> last.add(id + "=v" + version));
            killed.forEach(id -> last.add(id + "=killed"));
            return last;
        }
    }

    /** Fails, naming the first few differences, unless both hold the same elements. */
    private static void assertSame(String what, List<String> expected, List<String> actual) {
        Set<String> want = new HashSet<>(expected);
        Set<String> have = new HashSet<>(actual);
        List<String> missing = want.stream().filter(e -> !have.contains(e)).sorted().toList();
        List<String> unexpected = have.stream().filter(e -> !want.contains(e)).sorted().toList();
        assertThat(missing.size() + unexpected.size())
            .as("%s: %d missing, such as %s; %d unexpected, such as %s", what, missing.size(), first(missing),
                unexpected.size(), first(unexpected))
            .isZero();
    }

    /** Fails, naming the first few, unless there are none. */
    private static void assertNone(String what, List<String> found) {
        assertThat(found.size()).as("%s: %d, such as %s", what, found.size(), first(found)).isZero();
    }

    private static List<String> first(List<String> all) {
        return all.subList(0, Math.min(10, all.size()));
    }

    /** The elements that occur more than once (each once). */
    private static List<String> repeated(List<String> all) {
        Set<String> seen = new HashSet<>();
        return all.stream().filter(e -> !seen.add(e)).distinct().toList();
    }

    /** "story@version" of every record with a value, in topic order. */
    private static <V> List<String> versions(List<ConsumerRecord<String, V>> records, Function<V, Integer> version) {
        return records.stream().filter(r -> r.value() != null).map(r -> r.key() + "@" + version.apply(r.value())).toList();
    }

    /** "story=vN" of each story's last record, "story=killed" where that is a tombstone. */
    private static List<String> lastWord(List<ConsumerRecord<String, ArticleEnriched>> records) {
        Map<String, String> last = new HashMap<>();
        records.forEach(r -> last.put(r.key(), r.value() == null ? "killed" : "v" + r.value().getArticle().getVersion()));
        return last.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toList();
    }

    /** Stories whose feed.events do not alternate enter (a value), leave (a tombstone), enter…, starting with enter. */
    private static List<String> outOfTurn(List<ConsumerRecord<String, ArticleEnriched>> events) {
        Map<String, Boolean> inFeed = new HashMap<>();
        List<String> wrong = new ArrayList<>();
        for (ConsumerRecord<String, ArticleEnriched> event : events) {
            boolean entering = event.value() != null;
            boolean wasIn = inFeed.getOrDefault(event.key(), false);
            if (entering == wasIn) {
                wrong.add(event.key() + (entering ? " entered twice" : " left twice") + " at " + event.partition() + "@" + event.offset());
            }
            inFeed.put(event.key(), entering);
        }
        return wrong;
    }

    /** "story=version" of every item of the whole feed, newest first, paged with the cursor; fails (to be retried) on a non-200. */
    private List<String> feedItems(URI feed) throws IOException, InterruptedException {
        List<String> items = new ArrayList<>();
        String cursor = null;
        do {
            HttpResponse<String> page = http.send(HttpRequest.newBuilder(feed.resolve("/feed?limit=200"
                    + (cursor == null ? "" : "&cursor=" + cursor))).timeout(Duration.ofSeconds(10)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
            assertThat(page.statusCode()).as("GET /feed: %s", page.body()).isEqualTo(200);
            JsonNode body = JSON.readTree(page.body());
            body.get("items").forEach(item -> items.add(item.get("id").asText() + "=" + item.get("version").asInt()));
            cursor = body.get("next").isNull() ? null : body.get("next").asText();
        } while (cursor != null);
        return items;
    }

    private int status(URI uri) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).GET().build(),
            HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    /** The machine's load, which explains slow runs on a shared CI machine. */
    private static String loadAverage() {
        try {
            String[] load = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return "load average " + load[0] + " " + load[1] + " " + load[2] + " on "
                + Runtime.getRuntime().availableProcessors() + " cores";
        } catch (IOException | RuntimeException e) {
            return Runtime.getRuntime().availableProcessors() + " cores";
        }
    }

    private static double seconds(long sinceNanos) {
        return (System.nanoTime() - sinceNanos) / 1e9;
    }

    /** What was pushed and what happened to the pushes and the processes; printed before anything is checked. */
    private String pushReport(StoryPlan plan, List<Disruption> timeline) {
        StringBuilder out = new StringBuilder("\n=== ChaosIT: pushes ===\n");
        out.append(String.format("plan: %d stories, %d operations (%d creates, %d updates, %d kills) at %.0f ops/s%n",
            plan.stories(), plan.ops().size(), plan.count(StoryPlan.Kind.CREATE), plan.count(StoryPlan.Kind.UPDATE),
            plan.count(StoryPlan.Kind.KILL), OPS_PER_SECOND));
        out.append(String.format("pushed in %.1f s: %d batches, %d requests, %d of them failed%n",
            pusher.elapsed().toMillis() / 1000.0, pusher.batches(), pusher.requests(), pusher.requestFailures().size()));
        pusher.counts().entrySet().stream().sorted(Map.Entry.comparingByKey())
            .forEach(e -> out.append(String.format("  %-42s %6d%n", e.getKey(), e.getValue())));
        out.append("disruptions (seconds after the first push):\n");
        timeline.forEach(d -> out.append(String.format("  %6.1f s  %-15s exit %d, back and ready after %.1f s%n",
            d.atSeconds(), d.what(), d.exitStatus(), d.backAfterSeconds())));
        out.append("failed requests:\n");
        pusher.requestFailures().forEach(f -> out.append("  ").append(f).append('\n'));
        pusher.anomalies().stream().limit(20).forEach(a -> out.append("  anomaly: ").append(a).append('\n'));
        pusher.outcomes().stream().filter(o -> o.refusal != null).limit(20)
            .forEach(o -> out.append("  refused: ").append(o.refusal).append('\n'));
        return out.toString();
    }

    /** The checked results, printed once every check passed. */
    private String verdict(List<SteadyPusher.Outcome> outcomes, List<ConsumerRecord<String, ArticlePublished>> published,
                           Map<String, Integer> duplicates, Map<String, Integer> deadLetters, Expected expected,
                           double startSeconds, double pushedAfter, double convergedAfter, double total) {
        // A retried push whose record is older than the attempt that got the 202 had been published by an earlier
        // attempt whose answer was lost (ingest killed, say); the retry was answered from the ledger.
        Map<String, Long> publishedAt = new HashMap<>();
        published.forEach(r -> publishedAt.put(r.key() + "@" + r.value().getVersion(), r.timestamp()));
        List<SteadyPusher.Outcome> retried = outcomes.stream().filter(o -> o.acknowledged && o.failedOnce).toList();
        long answeredFromLedger = retried.stream()
            .filter(o -> publishedAt.getOrDefault(o.op.storyId() + "@" + o.ackedVersion, Long.MAX_VALUE) < o.ackAttemptSentAtMs)
            .count();
        StringBuilder out = new StringBuilder("\n=== ChaosIT: verdict ===\n");
        out.append(String.format("  %-42s %6d%n", "acknowledged", outcomes.stream().filter(o -> o.acknowledged).count()));
        out.append(String.format("  %-42s %6d%n", "failed, then retried and acknowledged", retried.size()));
        out.append(String.format("  %-42s %6d%n", "  published by an earlier attempt", answeredFromLedger));
        out.append(String.format("  %-42s %6d%n", "  published by the retry", retried.size() - answeredFromLedger));
        out.append(String.format("  %-42s %6d%n", "lost unacknowledged", outcomes.stream().filter(o -> o.lost).count()));
        out.append(String.format("  %-42s %6d%n", "updates acknowledged",
            outcomes.stream().filter(o -> o.acknowledged && o.op.kind() == StoryPlan.Kind.UPDATE).count()));
        out.append(String.format("  %-42s %6d%n", "kills acknowledged", expected.killed().size()));
        out.append(String.format("  %-42s %6d%n", "stories in the feed, each once, latest version", expected.live().size()));
        out.append(String.format("  %-42s %6d%n", "killed stories absent, 410", expected.killed().size()));
        out.append("  duplicates (story, version), read_committed: ").append(duplicates).append('\n');
        out.append("  dead letters: ").append(deadLetters).append('\n');
        out.append(String.format("time: stack up in %.1f s, pushes settled at %.1f s, feed converged %.1f s later, total %.1f s; %s%n",
            startSeconds, pushedAfter, convergedAfter, total, loadAverage()));
        return out.toString();
    }
}
