package io.newsflow.bench.feed;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.DoubleSummaryStatistics;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.newsflow.bench.process.ChildProcess;
import io.newsflow.bench.process.Host;
import io.newsflow.feed.FeedApp;
import io.newsflow.feed.FeedConfig;
import io.newsflow.platform.config.CommonConfig;
import io.newsflow.platform.config.Settings;
import io.newsflow.platform.kafka.TopicProvisioner;
import io.newsflow.platform.kafka.Topics;
import io.newsflow.registry.RegistryConfig;
import io.newsflow.registry.SchemaRegistryServer;
import io.newsflow.schemas.ArticleEnriched;
import io.newsflow.testkit.EmbeddedKafkaBroker;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringSerializer;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.JedisPool;

/**
 * The feed query layer against what a team would build instead: feed-service answering from its Kafka
 * Streams state, and the same HTTP stack answering from Redis. One command, see docs/benchmarks.md.
 *
 * <ol>
 *   <li>Starts a KRaft broker and the schema registry in this JVM, writes N synthetic enriched stories to
 *       {@code articles.enriched}, starts feed-service in its own JVM and times how long it takes to index them.
 *   <li>Loads the same stories into a loopback redis-server, starts {@link RedisFeedServer} in its own JVM with
 *       the same JVM options, and checks it answers byte for byte the same pages as feed-service.
 *   <li>Runs wrk (its own process) against {@code GET /feed?limit=50} and {@code GET /feed?entity=…&limit=50}
 *       on both, at each connection count, after a warm-up run, in alternating rounds.
 *   <li>Restarts feed-service on the same stores with its page cache turned off and measures it alone the same
 *       way, to show what the stores themselves answer when every request renders its page.
 *   <li>Measures the heap both JVMs use after a full GC, then feed-service's restore: stops it, deletes its
 *       state directory, starts it again and times it until it is ready and serves a full page.
 *   <li>Writes {@code results.md}, {@code results.json} and {@code feed-vs-redis.png} to the output directory.
 * </ol>
 *
 * Settings are system properties: {@code stories} (1000000), {@code duration} (seconds per measured run, 15),
 * {@code rounds} (measured runs per variant, query and connection count, 3; the report takes the median),
 * {@code warmup} (seconds, 10), {@code connections} (16,64), {@code heap} (the servers' -Xmx, 2g),
 * {@code out} (bench/target/feed-bench), {@code jfr} (true to record JFR profiles of both servers under load and
 * of each restore),
 * {@code serverGcOptions} (the collector options of both servers, {@code -XX:+UseG1GC}), {@code feedJvmOptions}
 * (more JVM options for feed-service only, space-separated),
 * {@code uncached} (false to skip the run without the page cache), {@code writesPerSecond} (new stories per second
 * written while wrk measures feed-service, 0), {@code restore} (false to skip the restore measurements, about a minute each at 1 M stories), {@code restores}
 * (which restore variants to measure, comma-separated; all by default: shipped, client-defaults, two-threads,
 * per-store-caches).
 */
public final class FeedHttpBenchmark {

    private static final String FEED = "feed-service";
    private static final String FEED_UNCACHED = "feed-service, no page cache";
    private static final String REDIS = "Redis + same HTTP stack";
    private static final int PAGE = 50;
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One wrk run of one variant. */
    record Measurement(String variant, String query, String path, int connections, int round, Wrk.Result result, String loadAverage) {
    }

    /** What it took to bring feed-service back from an empty state directory. */
    record Restore(double listeningSeconds, double restoreStartSeconds, double restoreEndSeconds, long restoredRecords,
                   double readySeconds, double fullPageSeconds, long heapUsedAfterGcMb, long residentMb) {
    }

    /** When restoring began and ended, as seen in the remaining-records gauges, and the most records left at once. */
    private static final class RestorePhase {
        double startedSeconds = Double.NaN;
        double endedSeconds = Double.NaN;
        long records;
        private long lastSample;

        boolean due() {
            if (System.nanoTime() - lastSample < TimeUnit.MILLISECONDS.toNanos(250)) {
                return false;
            }
            lastSample = System.nanoTime();
            return true;
        }

        /** @param remaining the records left to restore over all stores, or -1 before any store began */
        void sample(long remaining, double atSeconds) {
            if (remaining > 0 && Double.isNaN(startedSeconds)) {
                startedSeconds = atSeconds;
            }
            records = Math.max(records, remaining);
            if (remaining == 0 && !Double.isNaN(startedSeconds) && Double.isNaN(endedSeconds)) {
                endedSeconds = atSeconds;
            }
        }
    }

    private final long stories = Long.getLong("stories", 1_000_000);
    private final Duration duration = Duration.ofSeconds(Long.getLong("duration", 15));
    private final Duration warmup = Duration.ofSeconds(Long.getLong("warmup", 10));
    private final List<Integer> connectionCounts = Stream.of(System.getProperty("connections", "16,64").split(","))
        .map(String::trim).map(Integer::parseInt).toList();
    private final String heap = System.getProperty("heap", "2g");
    private final int rounds = Integer.getInteger("rounds", 3);
    private final boolean recordProfile = Boolean.getBoolean("jfr");
    private final boolean measureRestore = Boolean.parseBoolean(System.getProperty("restore", "true"));
    /** Which of {@link #restoreVariants()} to measure, in their order. */
    private final List<String> selectedRestores = Stream.of(
            System.getProperty("restores", String.join(",", restoreVariants().keySet())).split(","))
        .map(String::trim).toList();
    /** False: load the stories and measure only the restores (no wrk, no Redis), e.g. to compare restore settings. */
    private final boolean measureHttp = Boolean.parseBoolean(System.getProperty("http", "true"));
    /**
     * New stories per second written to feed-service's input while wrk measures a feed-service variant, so that its
     * page cache is measured under writes too; 0 measures a feed at rest.
     */
    private final int writesPerSecond = Integer.getInteger("writesPerSecond", 0);
    /** Stories written by {@link #writesPerSecond} so far; they follow the loaded ones in id and time. */
    private final java.util.concurrent.atomic.AtomicLong written = new java.util.concurrent.atomic.AtomicLong();
    private Settings feedSettings;
    /** False: skip measuring feed-service a second time with its page cache turned off. */
    private final boolean measureUncached = Boolean.parseBoolean(System.getProperty("uncached", "true"));
    private final Path out = Path.of(System.getProperty("out", "bench/target/feed-bench")).toAbsolutePath();
    private final Path work;
    private final Map<String, String> queries;
    private final Map<String, Object> facts = new LinkedHashMap<>();
    private final List<Measurement> measurements = new ArrayList<>();

    private FeedHttpBenchmark() throws IOException {
        work = Files.createTempDirectory("feed-bench-");
        queries = new LinkedHashMap<>();
        queries.put("latest", "/feed?limit=" + PAGE);
        queries.put("entity", "/feed?entity=" + SyntheticStories.benchmarkEntity() + "&limit=" + PAGE);
    }

    public static void main(String[] args) throws Exception {
        if (Boolean.parseBoolean(System.getProperty("http", "true"))) {
            requireTool("wrk");
            requireTool("redis-server");
        }
        new FeedHttpBenchmark().run();
    }

    private void run() throws Exception {
        Files.createDirectories(out);
        facts.put("started", Instant.now().toString());
        facts.put("stories", stories);
        facts.put("cpus", Runtime.getRuntime().availableProcessors());
        facts.put("loadAverageAtStart", Host.loadAverage());
        log("stories=%,d duration=%ss warmup=%ss connections=%s heap=%s work=%s", stories, duration.toSeconds(),
            warmup.toSeconds(), connectionCounts, heap, work);
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.create(work.resolve("kafka"), 0).start();
             SchemaRegistryServer registry = SchemaRegistryServer.start(RegistryConfig.forLocal(broker.bootstrapServers(), 0))) {
            Map<String, String> feedEnvironment = Map.of(
                "NEWSFLOW_BOOTSTRAP_SERVERS", broker.bootstrapServers(),
                "NEWSFLOW_SCHEMA_REGISTRY_URL", "http://127.0.0.1:" + registry.port(),
                "NEWSFLOW_STATE_DIR", work.resolve("feed-state").toString(),
                "NEWSFLOW_HTTP_PORT", String.valueOf(freePort()));
            Settings feedSettings = FeedConfig.load(feedEnvironment.entrySet().stream().collect(
                java.util.stream.Collectors.toMap(e -> e.getKey().substring("NEWSFLOW_".length()).toLowerCase(Locale.ROOT).replace('_', '.'),
                    Map.Entry::getValue)));
            TopicProvisioner.ensureAll(feedSettings);
            this.feedSettings = feedSettings;
            facts.put("writesPerSecondWhileMeasuringFeedService", writesPerSecond);
            produce(feedSettings);

            String feedBase = "http://127.0.0.1:" + feedEnvironment.get("NEWSFLOW_HTTP_PORT");
            Map<String, String> feedPages;
            try (ChildProcess feed = startFeedService(feedEnvironment)) {
                awaitIndexed(feedSettings, feed);
                feedPages = pages(feedBase);
                if (measureHttp) {
                    withRedisVariant(feedPages, (front, redisBase) -> {
                        measureInterleaved(new Server(FEED, feed, feedBase), new Server(REDIS, front, redisBase));
                        facts.put("redisFrontHeapUsedAfterGcMb", front.heapUsedAfterGcMegabytes());
                    });
                }
                facts.put("feedHeapUsedAfterGcMb", feed.heapUsedAfterGcMegabytes());
                facts.put("feedResidentMb", feed.residentMegabytes());
                facts.put("feedStateOnDiskMb", directorySizeMb(work.resolve("feed-state")));
            }
            if (measureHttp && measureUncached) {
                // The same stores, restarted from their checkpoints with every page rendered from them per request.
                Map<String, String> uncached = new LinkedHashMap<>(feedEnvironment);
                uncached.put("NEWSFLOW_FEED_PAGE_CACHE_BYTES", "0");
                try (ChildProcess feed = startFeedService(uncached)) {
                    awaitPages(feedBase, feedPages);
                    measureInterleaved(new Server(FEED_UNCACHED, feed, feedBase));
                }
            }
            if (measureRestore) {
                for (Map.Entry<String, Map<String, String>> variant : restoreVariants().entrySet()) {
                    if (selectedRestores.contains(variant.getKey())) {
                        Map<String, String> environment = new LinkedHashMap<>(feedEnvironment);
                        environment.putAll(variant.getValue());
                        facts.put("restore[" + variant.getKey() + "]", restore(variant.getKey(), environment));
                    }
                }
            }
        } finally {
            deleteRecursively(work);
        }
        facts.put("loadAverageAtEnd", Host.loadAverage());
        report();
    }

    // ---------------------------------------------------------------- loading

    private void produce(Settings settings) {
        Map<String, Object> config = new LinkedHashMap<>();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, settings.string(CommonConfig.BOOTSTRAP_SERVERS_CONFIG));
        config.put(ProducerConfig.ACKS_CONFIG, "1");
        config.put(ProducerConfig.LINGER_MS_CONFIG, 20);
        config.put(ProducerConfig.BATCH_SIZE_CONFIG, 512 * 1024);
        config.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        var topic = Topics.ARTICLES_ENRICHED;
        long started = System.nanoTime();
        long bytes = 0;
        try (var producer = new KafkaProducer<>(config, new StringSerializer(),
                topic.valueSerde(CommonConfig.serdeConfigs(settings)).serializer())) {
            var serializer = topic.valueSerde(CommonConfig.serdeConfigs(settings)).serializer();
            for (long n = 0; n < stories; n++) {
                ArticleEnriched story = SyntheticStories.story(n);
                if (n < 1_000) {
                    bytes += serializer.serialize(topic.name(), story).length;
                }
                producer.send(new ProducerRecord<>(topic.name(), story.getArticle().getId(), story));
                if (n > 0 && n % 200_000 == 0) {
                    log("produced %,d stories", n);
                }
            }
            producer.flush();
        }
        double seconds = secondsSince(started);
        facts.put("averageStoryBytes", bytes / Math.min(1_000, stories));
        facts.put("produceSeconds", round(seconds));
        log("produced %,d stories (about %,d bytes each as Avro) in %.1f s", stories, bytes / Math.min(1_000, stories), seconds);
    }

    private ChildProcess startFeedService(Map<String, String> environment) {
        List<String> jvm = new ArrayList<>(serverJvmOptions());
        String extra = System.getProperty("feedJvmOptions", "").trim();
        if (!extra.isEmpty()) {
            jvm.addAll(List.of(extra.split("\\s+")));
        }
        return ChildProcess.java(FEED, out.resolve("logs"), jvm, environment, FeedApp.class);
    }

    private List<String> serverJvmOptions() {
        List<String> options = new ArrayList<>(List.of("-Xms" + heap, "-Xmx" + heap));
        options.addAll(List.of(System.getProperty("serverGcOptions", "-XX:+UseG1GC").trim().split("\\s+")));
        return options;
    }

    /** Waits until feed-service's consumer group has processed every story, and reports the indexing rate. */
    private void awaitIndexed(Settings settings, ChildProcess feed) throws Exception {
        long started = System.nanoTime();
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, settings.string(CommonConfig.BOOTSTRAP_SERVERS_CONFIG)))) {
            String topic = Topics.ARTICLES_ENRICHED.name();
            int partitions = admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic).partitions().size();
            Map<TopicPartition, OffsetSpec> latest = new LinkedHashMap<>();
            for (int p = 0; p < partitions; p++) {
                latest.put(new TopicPartition(topic, p), OffsetSpec.latest());
            }
            long end = admin.listOffsets(latest).all().get().values().stream().mapToLong(info -> info.offset()).sum();
            long lastLog = 0;
            while (true) {
                requireAlive(feed);
                Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(settings.string(FeedConfig.APPLICATION_ID_CONFIG))
                    .partitionsToOffsetAndMetadata().get();
                long done = committed.entrySet().stream().filter(e -> e.getKey().topic().equals(topic) && e.getValue() != null)
                    .mapToLong(e -> e.getValue().offset()).sum();
                if (done >= end) {
                    break;
                }
                if (System.nanoTime() - lastLog > TimeUnit.SECONDS.toNanos(15)) {
                    log("feed-service indexed %,d of %,d stories", done, end);
                    lastLog = System.nanoTime();
                }
                Thread.sleep(500);
            }
        }
        double seconds = secondsSince(started);
        facts.put("indexSeconds", round(seconds));
        log("feed-service indexed %,d stories in %.1f s (%,.0f stories/s, JVM start included)", stories, seconds, stories / seconds);
    }

    // ---------------------------------------------------------------- measuring

    /** A variant under test: its name, its process and its base URL. */
    record Server(String variant, ChildProcess process, String base) {
    }

    /**
     * Runs every query and connection count {@code rounds} times on each variant, alternating which goes first,
     * so both see the same (shared, noisy) machine. The report takes the median round.
     */
    private void measureInterleaved(Server... servers) throws Exception {
        if (recordProfile) {
            for (Server server : servers) {
                server.process().jcmd("JFR.start name=bench settings=profile filename=" + out.resolve(server.process().name() + ".jfr"));
            }
        }
        for (var query : queries.entrySet()) {
            for (Server server : servers) {
                // Warm-up: JIT, Jetty's thread pool, RocksDB block cache, Redis connections. Not recorded.
                Wrk.run(server.base() + query.getValue(), connectionCounts.get(connectionCounts.size() - 1), warmup);
            }
            for (int connections : connectionCounts) {
                for (int round = 1; round <= rounds; round++) {
                    for (int i = 0; i < servers.length; i++) {
                        Server server = servers[(i + round) % servers.length];
                        String load = Host.loadAverage();
                        Wrk.Result result;
                        try (AutoCloseable writes = server.variant().startsWith(FEED) ? writeWhileMeasuring() : () -> { }) {
                            result = Wrk.run(server.base() + query.getValue(), connections, duration);
                        }
                        measurements.add(new Measurement(server.variant(), query.getKey(), query.getValue(), connections, round, result, load));
                        log("%-24s %-7s c=%-3d round %d %,10.0f req/s  p50 %6.2f ms  p99 %6.2f ms  failed %d  (load %s)", server.variant(),
                            query.getKey(), connections, round, result.requestsPerSecond(), result.p50Ms(), result.p99Ms(), result.failed(), load);
                    }
                }
            }
        }
        if (recordProfile) {
            for (Server server : servers) {
                server.process().jcmd("JFR.stop name=bench");
            }
        }
    }

    /**
     * With {@link #writesPerSecond} set, writes new stories at that rate until closed, each newer than every story
     * before it, so each one changes the latest page (and the entity page, for the stories that name its entity).
     */
    private AutoCloseable writeWhileMeasuring() {
        if (writesPerSecond <= 0) {
            return () -> { };
        }
        var topic = Topics.ARTICLES_ENRICHED;
        var producer = new KafkaProducer<>(Map.<String, Object>of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
            feedSettings.string(CommonConfig.BOOTSTRAP_SERVERS_CONFIG)), new StringSerializer(),
            topic.valueSerde(CommonConfig.serdeConfigs(feedSettings)).serializer());
        var running = new java.util.concurrent.atomic.AtomicBoolean(true);
        Thread writer = new Thread(() -> {
            long interval = TimeUnit.SECONDS.toNanos(1) / writesPerSecond;
            long next = System.nanoTime();
            while (running.get()) {
                ArticleEnriched story = SyntheticStories.story(stories + written.getAndIncrement());
                producer.send(new ProducerRecord<>(topic.name(), story.getArticle().getId(), story));
                next += interval;
                java.util.concurrent.locks.LockSupport.parkNanos(next - System.nanoTime());
            }
        }, "bench-story-writer");
        writer.start();
        return () -> {
            running.set(false);
            writer.join();
            producer.close();
        };
    }

    /** Waits until a (re)started feed-service answers every query with exactly {@code expected}. */
    private void awaitPages(String base, Map<String, String> expected) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(15);
        Exception last = null;
        while (System.nanoTime() < deadline) {
            try {
                Map<String, String> served = pages(base);
                // Stories written while measuring change the pages; then full pages with the newest story suffice.
                if (served.equals(expected) || written.get() > 0) {
                    return;
                }
                last = new IllegalStateException("feed-service answers other pages than before its restart");
            } catch (IOException | IllegalStateException e) {
                last = e;
            }
            Thread.sleep(500);
        }
        throw new IllegalStateException("feed-service did not serve its pages again", last);
    }

    /** The first page of each query, to check both variants answer the same bytes. */
    private Map<String, String> pages(String base) throws Exception {
        Map<String, String> pages = new LinkedHashMap<>();
        for (var query : queries.entrySet()) {
            HttpResponse<String> page = get(base + query.getValue());
            JsonNode items = JSON.readTree(page.body()).path("items");
            if (page.statusCode() != 200 || items.size() != PAGE) {
                throw new IllegalStateException(query.getValue() + " answered " + page.statusCode() + " with " + items.size() + " items");
            }
            pages.put(query.getKey(), page.body());
        }
        String newest = JSON.readTree(pages.get("latest")).path("items").get(0).path("id").asText();
        if (!newest.equals(SyntheticStories.storyId(stories + written.get() - 1))) {
            throw new IllegalStateException("the newest story served is " + newest + ", not the last one written");
        }
        facts.put("latestPageBytes", pages.get("latest").getBytes(StandardCharsets.UTF_8).length);
        facts.put("entityPageBytes", pages.get("entity").getBytes(StandardCharsets.UTF_8).length);
        return pages;
    }

    /**
     * The restore variants, each as the settings it changes from feed-service's own: as shipped; the restore
     * consumer at Kafka's defaults (batches of 1,000 records, 1 MiB per partition and fetch); two stream threads;
     * and Kafka Streams' RocksDB cache per store instead of one shared cache.
     */
    private static Map<String, Map<String, String>> restoreVariants() {
        Map<String, Map<String, String>> variants = new LinkedHashMap<>();
        variants.put("shipped", Map.of());
        variants.put("client-defaults", Map.of(
            "NEWSFLOW_KAFKA_RESTORE_CONSUMER_MAX_POLL_RECORDS", "1000",
            "NEWSFLOW_KAFKA_RESTORE_CONSUMER_MAX_PARTITION_FETCH_BYTES", String.valueOf(1 << 20),
            "NEWSFLOW_KAFKA_RESTORE_CONSUMER_FETCH_MAX_BYTES", String.valueOf(50 << 20)));
        variants.put("two-threads", Map.of("NEWSFLOW_KAFKA_NUM_STREAM_THREADS", "2"));
        variants.put("per-store-caches", Map.of("NEWSFLOW_FEED_ROCKSDB_BLOCK_CACHE_BYTES", "0"));
        return variants;
    }

    /**
     * Deletes feed-service's state directory, starts it again and times the restore. Until the service is ready the
     * benchmark also reads its {@code newsflow_streams_restore_remaining_records} gauges, to tell the time spent
     * restoring (from the first store's restore start until nothing is left) from the time before and after it.
     * With {@code jfr} the restoring JVM records a profile from its start ({@code restore-<label>.jfr}).
     */
    private Restore restore(String label, Map<String, String> environment) throws Exception {
        log("restore (%s): deleting feed-service's state directory and starting it again", label);
        Path state = work.resolve("feed-state");
        deleteRecursively(state);
        String base = "http://127.0.0.1:" + environment.get("NEWSFLOW_HTTP_PORT");
        List<String> jvm = new ArrayList<>(serverJvmOptions());
        if (recordProfile) {
            jvm.add("-XX:StartFlightRecording=settings=profile,filename=" + out.resolve("restore-" + label + ".jfr"));
        }
        long started = System.nanoTime();
        try (ChildProcess feed = ChildProcess.java(FEED, out.resolve("logs"), jvm, environment, FeedApp.class)) {
            double listening = awaitSeconds(feed, started, () -> status(base + "/health/live") == 200);
            RestorePhase phase = new RestorePhase();
            double ready = awaitSeconds(feed, started, () -> {
                // a scrape every 250 ms: often enough to time a restore of seconds, rare enough not to slow it
                if (phase.due()) {
                    phase.sample(restoreRemaining(base), secondsSince(started));
                }
                return status(base + "/health/ready") == 200;
            });
            if (Double.isNaN(phase.endedSeconds) && !Double.isNaN(phase.startedSeconds)) {
                phase.endedSeconds = ready; // the last stores finished between two samples
            }
            double fullPage = awaitSeconds(feed, started, () -> {
                try {
                    HttpResponse<String> page = get(base + queries.get("latest"));
                    return page.statusCode() == 200 && JSON.readTree(page.body()).path("items").size() == PAGE;
                } catch (Exception e) {
                    return false;
                }
            });
            Restore restore = new Restore(round(listening), round(phase.startedSeconds), round(phase.endedSeconds), phase.records,
                round(ready), round(fullPage), feed.heapUsedAfterGcMegabytes(), feed.residentMegabytes());
            log("restore (%s): HTTP up after %.1f s, restoring from %.1f s to %.1f s (%,d records), ready after %.1f s, "
                + "full page after %.1f s; heap after GC %d MiB, RSS %d MiB", label, listening, phase.startedSeconds,
                phase.endedSeconds, phase.records, ready, fullPage, restore.heapUsedAfterGcMb(), restore.residentMb());
            return restore;
        }
    }

    /** What to do while the Redis variant is up: its HTTP front's process and base URL. */
    interface RedisVariantUse {
        void accept(ChildProcess front, String base) throws Exception;
    }

    /**
     * Starts a loopback redis-server, loads the same stories, starts {@link RedisFeedServer} with the same JVM
     * options as feed-service, checks it serves the same pages, and hands it to {@code use}.
     */
    private void withRedisVariant(Map<String, String> feedPages, RedisVariantUse use) throws Exception {
        int redisPort = freePort();
        List<String> redisCommand = List.of("redis-server", "--port", String.valueOf(redisPort), "--bind", "127.0.0.1",
            "--save", "", "--appendonly", "no", "--dir", work.toString());
        try (ChildProcess redis = ChildProcess.start("redis-server", out.resolve("logs"), redisCommand, Map.of());
             JedisPool pool = new JedisPool("127.0.0.1", redisPort)) {
            awaitSeconds(redis, System.nanoTime(), () -> {
                try (Jedis client = pool.getResource()) {
                    return "PONG".equals(client.ping());
                } catch (RuntimeException e) {
                    return false;
                }
            });
            long started = System.nanoTime();
            long[] loaded = {0};
            new RedisFeedStore(pool).load(stories, SyntheticStories::story, () -> {
                loaded[0] += 2_000;
                if (loaded[0] % 200_000 == 0) {
                    log("loaded %,d stories into Redis", loaded[0]);
                }
            });
            facts.put("redisLoadSeconds", round(secondsSince(started)));
            try (Jedis client = pool.getResource()) {
                Matcher used = Pattern.compile("used_memory:(\\d+)").matcher(client.info("memory"));
                facts.put("redisUsedMemoryMb", used.find() ? Long.parseLong(used.group(1)) / (1024 * 1024) : -1);
            }
            facts.put("redisResidentMb", redis.residentMegabytes());
            int httpPort = freePort();
            try (ChildProcess front = ChildProcess.java("redis-feed-server", out.resolve("logs"), serverJvmOptions(), Map.of(),
                    RedisFeedServer.class, String.valueOf(httpPort), String.valueOf(redisPort))) {
                String base = "http://127.0.0.1:" + httpPort;
                awaitSeconds(front, System.nanoTime(), () -> status(base + "/health/ready") == 200);
                Map<String, String> redisPages = pages(base);
                facts.put("sameBodies", redisPages.equals(feedPages));
                if (!redisPages.equals(feedPages)) {
                    log("WARNING: the Redis variant's pages differ from feed-service's:%n%s%n%s", feedPages.get("latest"), redisPages.get("latest"));
                }
                use.accept(front, base);
            }
        }
    }

    // ---------------------------------------------------------------- reporting

    private void report() throws IOException {
        String stamp = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC).format(Instant.now());
        List<Measurement> medians = medians();
        StringBuilder md = new StringBuilder();
        md.append("| variant | URL | connections | req/s (median of " + rounds + ") | req/s min–max | p50 (ms) | p99 (ms) | failed | load avg (1/5/15 min) |\n");
        md.append("| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | --- |\n");
        for (Measurement m : medians) {
            DoubleSummaryStatistics spread = roundsOf(m).mapToDouble(r -> r.result().requestsPerSecond()).summaryStatistics();
            md.append(String.format(Locale.ROOT, "| %s | `%s` | %d | %,.0f | %,.0f–%,.0f | %.2f | %.2f | %d | %s |%n", m.variant(), m.path(),
                m.connections(), m.result().requestsPerSecond(), spread.getMin(), spread.getMax(), m.result().p50Ms(), m.result().p99Ms(),
                roundsOf(m).mapToLong(r -> r.result().failed()).sum(), m.loadAverage()));
        }
        md.append('\n');
        for (var query : queries.keySet()) {
            for (int connections : connectionCounts) {
                double feed = requestsPerSecond(medians, FEED, query, connections);
                double uncached = requestsPerSecond(medians, FEED_UNCACHED, query, connections);
                double redis = requestsPerSecond(medians, REDIS, query, connections);
                md.append(String.format(Locale.ROOT, "- %s, %d connections: feed-service / Redis = **%.2f×**; without its page cache %.2f×%n",
                    query, connections, feed / redis, uncached / redis));
            }
        }
        md.append('\n');
        facts.forEach((key, value) -> md.append("- ").append(key).append(": ").append(value).append('\n'));
        Files.writeString(out.resolve("results.md"), md.toString());

        Map<String, Object> json = new LinkedHashMap<>(facts);
        json.put("measurements", measurements.stream().map(m -> Map.of("variant", m.variant(), "url", m.path(),
            "connections", m.connections(), "round", m.round(), "requestsPerSecond", m.result().requestsPerSecond(), "p50Ms", m.result().p50Ms(),
            "p90Ms", m.result().p90Ms(), "p99Ms", m.result().p99Ms(), "failed", m.result().failed(), "loadAverage", m.loadAverage())).toList());
        JSON.writerWithDefaultPrettyPrinter().writeValue(out.resolve("results.json").toFile(), json);
        ResultsChart.write(medians, String.format(Locale.ROOT, "%,d stories, 2 shared cores, %s", stories, stamp), out.resolve("feed-vs-redis.png"));
        System.out.println(md);
        log("results in %s", out);
    }

    /** For each variant, query and connection count, the round with the median throughput, in report order. */
    private List<Measurement> medians() {
        List<Measurement> medians = new ArrayList<>();
        for (var query : queries.keySet()) {
            for (int connections : connectionCounts) {
                for (String variant : List.of(FEED, FEED_UNCACHED, REDIS)) {
                    List<Measurement> cell = measurements.stream()
                        .filter(m -> m.variant().equals(variant) && m.query().equals(query) && m.connections() == connections)
                        .sorted(Comparator.comparingDouble(m -> m.result().requestsPerSecond()))
                        .toList();
                    if (!cell.isEmpty()) {
                        medians.add(cell.get(cell.size() / 2));
                    }
                }
            }
        }
        return medians;
    }

    private Stream<Measurement> roundsOf(Measurement cell) {
        return measurements.stream().filter(m -> m.variant().equals(cell.variant()) && m.query().equals(cell.query())
            && m.connections() == cell.connections());
    }

    private static double requestsPerSecond(List<Measurement> medians, String variant, String query, int connections) {
        return medians.stream().filter(m -> m.variant().equals(variant) && m.query().equals(query) && m.connections() == connections)
            .mapToDouble(m -> m.result().requestsPerSecond()).findFirst().orElse(Double.NaN);
    }

    // ---------------------------------------------------------------- helpers

    private static double awaitSeconds(ChildProcess process, long startedNanos, BooleanSupplier condition) throws InterruptedException {
        long deadline = startedNanos + TimeUnit.MINUTES.toNanos(10);
        while (!condition.getAsBoolean()) {
            requireAlive(process);
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(process.name() + " did not get there within 10 minutes:\n" + process.logTail());
            }
            Thread.sleep(50);
        }
        return secondsSince(startedNanos);
    }

    private static void requireAlive(ChildProcess process) {
        if (!process.isAlive()) {
            throw new IllegalStateException(process.name() + " exited:\n" + process.logTail());
        }
    }

    /** The sum of feed-service's remaining-records gauges, or -1 if it exports none yet or cannot be reached. */
    private static long restoreRemaining(String base) {
        try {
            HttpResponse<String> metrics = get(base + "/metrics");
            if (metrics.statusCode() != 200) {
                return -1;
            }
            long sum = -1;
            for (String line : metrics.body().split("\n")) {
                if (line.startsWith("newsflow_streams_restore_remaining_records{")) {
                    sum = Math.max(sum, 0) + (long) Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
                }
            }
            return sum;
        } catch (Exception e) {
            return -1;
        }
    }

    private static int status(String url) {
        try {
            return get(url).statusCode();
        } catch (Exception e) {
            return -1;
        }
    }

    private static HttpResponse<String> get(String url) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).build(),
            HttpResponse.BodyHandlers.ofString());
    }

    private static int freePort() throws IOException {
        try (var socket = new java.net.ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }


    private static long directorySizeMb(Path directory) throws IOException {
        try (Stream<Path> files = Files.walk(directory)) {
            return files.filter(Files::isRegularFile).mapToLong(file -> file.toFile().length()).sum() / (1024 * 1024);
        }
    }

    private static void deleteRecursively(Path directory) throws IOException {
        if (!Files.exists(directory)) {
            return;
        }
        try (Stream<Path> files = Files.walk(directory)) {
            files.sorted(Comparator.reverseOrder()).forEach(file -> file.toFile().delete());
        }
    }

    private static void requireTool(String tool) throws IOException, InterruptedException {
        Process which = new ProcessBuilder("which", tool).start();
        if (which.waitFor() != 0) {
            throw new IllegalStateException(tool + " is not installed; run bench/feed-bench-setup.sh first");
        }
    }

    private static double secondsSince(long startedNanos) {
        return (System.nanoTime() - startedNanos) / 1e9;
    }

    private static double round(double seconds) {
        return Math.round(seconds * 10) / 10.0;
    }

    private static void log(String format, Object... args) {
        System.out.printf(Locale.ROOT, "%tT  " + format + "%n", prepend(new java.util.Date(), args));
    }

    private static Object[] prepend(Object first, Object[] rest) {
        Object[] all = new Object[rest.length + 1];
        all[0] = first;
        System.arraycopy(rest, 0, all, 1, rest.length);
        return all;
    }
}
