package io.newsflow.bench.pipeline;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.stream.Stream;

import io.newsflow.testkit.EmbeddedKafkaBrokerMain;
import io.newsflow.bench.process.ChildProcess;
import io.newsflow.bench.process.Host;
import io.newsflow.bench.process.ThreadCpu;
import io.newsflow.registry.SchemaRegistryMain;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The pipeline benchmark (issue #7): throughput and publish-to-visible latency of ingest → enrich → feed, side by side
 * with Kafka's own tools on the same broker in the same run. One command; see docs/benchmarks.md, "Pipeline".
 *
 * <ol>
 *   <li>The dev stack's start time to ready and its heap ({@link DevStackStartup}), while nothing else runs.
 *   <li>A KRaft broker in its own JVM ({@link EmbeddedKafkaBrokerMain}, the testkit's) and the schema registry in another.
 *   <li>The anchors on that broker ({@link KafkaTools}): {@code ProducerPerformance} with the pipeline's record size
 *       and {@code acks=all}, and {@code EndToEndLatency}.
 *   <li>For each processing guarantee: fresh topics and state, enrich-, feed- and ingest-service each in its own JVM
 *       ({@link Pipeline}), a warm-up, then
 *       <ul>
 *         <li>throughput: a fixed number of stories as fast as each way in takes them (producer straight to
 *             {@code articles.published}; NDJSON batches to ingest; single {@code POST /articles}), until all are
 *             visible in the feed;</li>
 *         <li>latency: each offered load for a warm-up and a measured period, straight to the topic and through single
 *             HTTP posts, open loop.</li>
 *       </ul>
 *       Visibility is seen on feed-service's live stream ({@link VisibilityProbe}); JFR profiles every service.
 *   <li>A report: {@code results.md}, {@code results.json}, {@code results.csv} and the latency chart.
 * </ol>
 */
@Command(name = "pipeline-bench", mixinStandardHelpOptions = true, sortOptions = false,
    description = "End-to-end throughput and latency of ingest -> enrich -> feed against Kafka's own tools (issue #7).")
public final class PipelineBenchmark implements Callable<Integer> {

    static final String ALOS = "at_least_once";
    static final String EOS = "exactly_once_v2";
    static final String ANCHOR_PRODUCER_TOPIC = "bench.anchor.producer-performance";
    static final String ANCHOR_E2E_TOPIC = "bench.anchor.end-to-end";
    private static final int MAX_CELLS = 1_000;
    static final String GENERATOR = "load generator + probe (this JVM)";

    @Option(names = "--quick", description = "A smoke run of every phase at a small size (a few minutes): "
        + "small anchors, 2,000 stories per throughput run, 2 s warm-up and 4 s per latency cell, one round.")
    boolean quick;

    @Option(names = "--out", defaultValue = "bench/target/pipeline-bench", description = "Results directory (default: ${DEFAULT-VALUE}).")
    Path out;

    @Option(names = "--chart", description = "Where to write the latency chart as well (default: docs/pipeline-latency.png on a "
        + "full run, nowhere extra with --quick).")
    Path chart;

    @Option(names = "--guarantees", split = ",", defaultValue = ALOS + "," + EOS,
        description = "Processing guarantees to run (default: ${DEFAULT-VALUE}).")
    List<String> guarantees;

    @Option(names = "--commit-interval-ms", defaultValue = "100",
        description = "commit.interval.ms of both Streams apps (default: ${DEFAULT-VALUE}, the services' default).")
    int commitIntervalMs;

    @Option(names = "--loads", split = ",", defaultValue = "100,1000,5000", description = "Offered loads, stories/s (default: ${DEFAULT-VALUE}).")
    List<Integer> loads;

    @Option(names = "--latency-entries", split = ",", defaultValue = "DIRECT,HTTP",
        description = "Ways in for the latency cells: DIRECT, HTTP, HTTP_BATCH (default: ${DEFAULT-VALUE}).")
    List<Cell.Entry> latencyEntries;

    @Option(names = "--measure-seconds", description = "Measured seconds per latency cell (default: 30; --quick 4).")
    Integer measureSeconds;

    @Option(names = "--cell-warmup-seconds", description = "Unmeasured seconds at the same load before each latency cell (default: 10; --quick 2).")
    Integer cellWarmupSeconds;

    @Option(names = "--warmup-seconds", description = "Warm-up of each freshly started pipeline, at 500 stories/s each way (default: 30; --quick 3).")
    Integer warmupSeconds;

    @Option(names = "--throughput-stories", description = "Stories per throughput run (default: 20000; --quick 2000).")
    Integer throughputStories;

    @Option(names = "--throughput-entries", split = ",", defaultValue = "DIRECT,HTTP_BATCH,HTTP",
        description = "Ways in for the throughput runs (default: ${DEFAULT-VALUE}).")
    List<Cell.Entry> throughputEntries;

    @Option(names = "--rounds", description = "Rounds of each throughput run, alternating ways in; the report takes the median (default: 3; --quick 1).")
    Integer rounds;

    @Option(names = "--batch-lines", defaultValue = "100", description = "Stories per NDJSON batch (default: ${DEFAULT-VALUE}).")
    int batchLines;

    @Option(names = "--batch-concurrency", defaultValue = "4", description = "NDJSON batches in flight (default: ${DEFAULT-VALUE}).")
    int batchConcurrency;

    @Option(names = "--http-concurrency", defaultValue = "64",
        description = "Single POSTs in flight in the HTTP throughput run (default: ${DEFAULT-VALUE}).")
    int httpConcurrency;

    @Option(names = "--max-in-flight", defaultValue = "200",
        description = "Most unanswered POSTs in a latency cell; a generator at the limit falls behind schedule (default: ${DEFAULT-VALUE}).")
    int maxInFlight;

    @Option(names = "--max-backlog-seconds", defaultValue = "5",
        description = "Stop a latency cell's generator once the pipeline is this many seconds of the offered load behind "
            + "(at least 1,000 stories), or the generator this far behind its schedule, and mark the load as not sustained; "
            + "a load is not sustained either if the last story becomes visible more than this long after it was sent "
            + "(default: ${DEFAULT-VALUE}).")
    int maxBacklogSeconds;

    @Option(names = "--anchor-records", description = "ProducerPerformance records per run (default: 300000; --quick 20000).")
    Integer anchorRecords;

    @Option(names = "--e2e-records", description = "EndToEndLatency records per run (default: 20000; --quick 2000).")
    Integer e2eRecords;

    @Option(names = "--anchor-rounds", description = "Runs of each anchor; the report takes the median (default: 3; --quick 1).")
    Integer anchorRounds;

    @Option(names = "--devstack-rounds", description = "Fresh starts of the dev stack (default: 3; --quick 1).")
    Integer devstackRounds;

    @Option(names = "--phases", split = ",", defaultValue = "devstack,anchors,throughput,latency",
        description = "Phases to run (default: ${DEFAULT-VALUE}).")
    Set<String> phases;

    @Option(names = "--partitions", defaultValue = "3", description = "Partitions of the pipeline's topics (default: ${DEFAULT-VALUE}, the services' default).")
    int partitions;

    @Option(names = "--heap", defaultValue = "1g", description = "-Xms/-Xmx of each service JVM (default: ${DEFAULT-VALUE}).")
    String heap;

    @Option(names = "--broker-heap", defaultValue = "1g", description = "-Xms/-Xmx of the broker JVM (default: ${DEFAULT-VALUE}, Kafka's default).")
    String brokerHeap;

    @Option(names = "--service-setting", description = "Extra setting for every service, e.g. kafka.linger.ms=5 (repeatable; "
        + "passed as NEWSFLOW_* environment variables).")
    Map<String, String> serviceSettings = new LinkedHashMap<>();

    @Option(names = "--stories-from", defaultValue = PipelineStories.GOLD,
        description = "JSON lines with headline, body and language to build stories from (default: ${DEFAULT-VALUE}; "
            + "falls back to the testkit samples).")
    Path storiesFrom;

    @Option(names = "--stall-seconds", description = "Give up waiting for stories to become visible after this long without progress (default: 60; --quick 30).")
    Integer stallSeconds;

    @Option(names = "--jfr", negatable = true, defaultValue = "true", fallbackValue = "true",
        description = "Record a JFR profile of every service during the measurements; --no-jfr to skip (default: on).")
    boolean jfr;

    private final AtomicReferenceArray<Cell> cells = new AtomicReferenceArray<>(MAX_CELLS);
    private int nextCell = 1;
    private final Map<String, Object> facts = new LinkedHashMap<>();
    private final List<DevStackStartup.Start> devStarts = new ArrayList<>();
    private final List<KafkaTools.ProducerRun> producerRuns = new ArrayList<>();
    private final List<KafkaTools.EndToEndRun> endToEndRuns = new ArrayList<>();
    private final List<Results.CellResult> results = new ArrayList<>();
    private final Map<String, Map<String, Object>> perGuarantee = new LinkedHashMap<>();
    private final List<JfrSummary.Profile> profiles = new ArrayList<>();
    private Path work;
    private Path logs;
    private PipelineStories stories;
    private int recordSize;
    private ChildProcess broker;
    private String bootstrapServers;
    private String registryUrl;

    public static void main(String[] args) {
        System.setProperty("java.awt.headless", "true");
        int exit = new CommandLine(new PipelineBenchmark()).setCaseInsensitiveEnumValuesAllowed(true).execute(args);
        System.exit(exit);
    }

    @Override
    public Integer call() throws Exception {
        applyDefaults();
        out = out.toAbsolutePath();
        Files.createDirectories(out);
        logs = out.resolve("logs");
        // Not under /tmp: Kafka Streams warns about state directories there, and the report lists every warning.
        work = Files.createTempDirectory(out, "work-");
        stories = PipelineStories.load(storiesFrom);
        long begun = System.nanoTime();
        facts.put("started", Instant.now().toString());
        facts.put("mode", quick ? "quick (smoke run, not a result)" : "full");
        facts.put("machine", Host.describe());
        facts.put("loadAverageAtStart", Host.loadAverage());
        facts.put("storyText", stories.origin());
        facts.put("settings", settings());
        log("pipeline benchmark, %s; results in %s, work in %s", facts.get("mode"), out, work);
        if (Host.loadAverage1() > 1.5) {
            log("WARNING: the load average is %s before anything started; on %d cores the figures will say more about the other "
                + "processes than about the pipeline", Host.loadAverage(), Runtime.getRuntime().availableProcessors());
        }
        try {
            if (phases.contains("devstack")) {
                measureDevStack();
            }
            boolean pipelinePhases = phases.contains("throughput") || phases.contains("latency");
            if (!pipelinePhases && !phases.contains("anchors")) {
                return finish(begun);
            }
            startBrokerAndRegistry();
            try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
                try (Loads.Direct sizer = new Loads.Direct(bootstrapServers, registryUrl, stories)) {
                    recordSize = sizer.averageValueBytes(registryUrl, 200);
                }
                facts.put("recordBytes", recordSize);
                log("stories: about %,d bytes each as Avro (Confluent wire format), text from %s", recordSize, stories.origin());
                if (phases.contains("anchors")) {
                    runAnchors(admin);
                }
                boolean first = true;
                for (String guarantee : pipelinePhases ? guarantees : List.<String>of()) {
                    if (!first) {
                        resetPipelineTopics(admin);
                    }
                    first = false;
                    runGuarantee(guarantee);
                }
            }
        } finally {
            stopBrokerAndRegistry();
            deleteRecursively(work);
        }
        return finish(begun);
    }

    private int finish(long begun) throws IOException {
        facts.put("logProblems", LogProblems.scan(logs));
        facts.put("loadAverageAtEnd", Host.loadAverage());
        facts.put("minutes", Math.round((System.nanoTime() - begun) / 6e9) / 10.0);
        Path extraChart = chart != null ? chart : quick ? null : Path.of("docs/pipeline-latency.png");
        PipelineReport report = new PipelineReport(facts, devStarts, producerRuns, endToEndRuns, results, perGuarantee, profiles,
            commitIntervalMs, quick);
        report.write(out, extraChart);
        System.out.println();
        System.out.println(report.markdown());
        log("done in %.1f min; results in %s%s", (System.nanoTime() - begun) / 6e10, out,
            extraChart != null ? " and " + extraChart.toAbsolutePath() : "");
        return 0;
    }

    private void applyDefaults() {
        measureSeconds = orDefault(measureSeconds, 30, 4);
        cellWarmupSeconds = orDefault(cellWarmupSeconds, 10, 2);
        warmupSeconds = orDefault(warmupSeconds, 30, 3);
        throughputStories = orDefault(throughputStories, 20_000, 2_000);
        rounds = orDefault(rounds, 3, 1);
        anchorRecords = orDefault(anchorRecords, 300_000, 20_000);
        e2eRecords = orDefault(e2eRecords, 20_000, 2_000);
        anchorRounds = orDefault(anchorRounds, 3, 1);
        devstackRounds = orDefault(devstackRounds, 3, 1);
        stallSeconds = orDefault(stallSeconds, 60, 30);
    }

    private Integer orDefault(Integer given, int full, int smoke) {
        return given != null ? given : quick ? smoke : full;
    }

    private Map<String, Object> settings() {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("guarantees", guarantees);
        s.put("commitIntervalMs", commitIntervalMs);
        s.put("loads", loads);
        s.put("latencyEntries", latencyEntries);
        s.put("measureSeconds", measureSeconds);
        s.put("cellWarmupSeconds", cellWarmupSeconds);
        s.put("pipelineWarmupSeconds", warmupSeconds);
        s.put("throughputStories", throughputStories);
        s.put("throughputEntries", throughputEntries);
        s.put("rounds", rounds);
        s.put("batchLines", batchLines);
        s.put("batchConcurrency", batchConcurrency);
        s.put("httpConcurrency", httpConcurrency);
        s.put("maxInFlight", maxInFlight);
        s.put("maxBacklogSeconds", maxBacklogSeconds);
        s.put("anchorRecords", anchorRecords);
        s.put("e2eRecords", e2eRecords);
        s.put("anchorRounds", anchorRounds);
        s.put("devstackRounds", devstackRounds);
        s.put("partitions", partitions);
        s.put("serviceHeap", heap);
        s.put("brokerHeap", brokerHeap);
        s.put("serviceSettings", serviceSettings);
        s.put("jfr", jfr);
        return s;
    }

    // ---------------------------------------------------------------- dev stack

    private void measureDevStack() throws Exception {
        log("dev stack: %d fresh start(s) with --no-samples, then a restart on the same data, on the class path of %s",
            devstackRounds, DevStackStartup.classPathOrigin());
        Path data = null;
        for (int round = 1; round <= devstackRounds; round++) {
            data = work.resolve("devstack-" + round);
            DevStackStartup.Start start = DevStackStartup.measure("fresh data dir, --no-samples", data, false, logs, "devstack-" + round);
            devStarts.add(start);
            log("dev stack fresh start %d: ready line after %.1f s from process start (DevMain says %.1f s); heap after GC %,d MiB, RSS %,d MiB;"
                + " stopped in %.1f s", round, start.processToReadySeconds(), start.reportedSeconds(), start.heapUsedAfterGcMb(),
                start.residentMb(), start.stopSeconds());
        }
        DevStackStartup.Start restart = DevStackStartup.measure("restart on the same data dir, --no-samples", data, false, logs,
            "devstack-restart");
        devStarts.add(restart);
        log("dev stack restart: ready line after %.1f s (DevMain says %.1f s); heap after GC %,d MiB", restart.processToReadySeconds(),
            restart.reportedSeconds(), restart.heapUsedAfterGcMb());
    }

    // ---------------------------------------------------------------- broker, registry, anchors

    private ChildProcess registry;
    private String serviceClassPath;

    private void startBrokerAndRegistry() throws Exception {
        serviceClassPath = ClassPaths.services().orElseGet(() -> {
            log("WARNING: dev/target/runtime-classpath.txt or the module jars are missing; the services run on the shaded benchmark "
                + "jar, where they log nothing below ERROR. Build with: mvn -B -o -pl bench -am package -DskipTests");
            return ClassPaths.benchmark();
        });
        facts.put("serviceClassPath", ClassPaths.services().isPresent() ? "dev module's runtime class path (as ./newsflow-dev)"
            : "shaded benchmarks.jar");
        int port = Pipeline.freePort();
        int controllerPort = Pipeline.freePort();
        long started = System.nanoTime();
        broker = ChildProcess.java("broker", logs, List.of("-Xms" + brokerHeap, "-Xmx" + brokerHeap, "-XX:+UseG1GC",
                "-XX:MaxGCPauseMillis=20", "-XX:InitiatingHeapOccupancyPercent=35"), serviceClassPath, Map.of(), EmbeddedKafkaBrokerMain.class.getName(),
            work.resolve("kafka").toString(), String.valueOf(port), String.valueOf(controllerPort));
        awaitLine(broker, EmbeddedKafkaBrokerMain.READY, Duration.ofMinutes(2));
        bootstrapServers = "127.0.0.1:" + port;
        facts.put("brokerStartSeconds", round1((System.nanoTime() - started) / 1e9));
        int registryPort = Pipeline.freePort();
        registry = ChildProcess.java("schema-registry", logs, List.of("-Xmx256m", "-XX:+UseG1GC"), serviceClassPath, Map.of(),
            SchemaRegistryMain.class.getName(),
            "--host", "127.0.0.1", "--port", String.valueOf(registryPort), "--bootstrap-servers", bootstrapServers);
        registryUrl = "http://127.0.0.1:" + registryPort;
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
        while (Pipeline.status(registryUrl + "/subjects") != 200) {
            registry.requireAlive();
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("schema registry not up:\n" + registry.logTail());
            }
            Thread.sleep(100);
        }
        log("broker (own JVM, -Xmx%s) at %s, registry at %s", brokerHeap, bootstrapServers, registryUrl);
    }

    private void stopBrokerAndRegistry() {
        if (registry != null) {
            registry.close();
        }
        if (broker != null) {
            broker.close();
        }
    }

    private void runAnchors(Admin admin) throws Exception {
        admin.createTopics(List.of(new NewTopic(ANCHOR_PRODUCER_TOPIC, partitions, (short) 1),
            new NewTopic(ANCHOR_E2E_TOPIC, 1, (short) 1))).all().get(30, TimeUnit.SECONDS);
        for (int round = 1; round <= anchorRounds; round++) {
            KafkaTools.ProducerRun run = KafkaTools.producerPerformance(bootstrapServers, ANCHOR_PRODUCER_TOPIC, anchorRecords, recordSize,
                anchorRecords / 10, logs, "producer-performance-" + round);
            producerRuns.add(run);
            log("anchor ProducerPerformance %d: %,.0f records/s (%.1f MB/s) of %,d bytes, %d partitions, acks=all; p99 %d ms (load %s)",
                round, run.recordsPerSecond(), run.megabytesPerSecond(), recordSize, partitions, run.p99Ms(), run.loadAverage());
            KafkaTools.EndToEndRun e2e = KafkaTools.endToEndLatency(bootstrapServers, ANCHOR_E2E_TOPIC, e2eRecords, recordSize, logs,
                "end-to-end-latency-" + round);
            endToEndRuns.add(e2e);
            log("anchor EndToEndLatency %d: avg %.2f ms, p50 %d ms, p99 %d ms, p99.9 %d ms (load %s)", round, e2e.avgMs(), e2e.p50Ms(),
                e2e.p99Ms(), e2e.p999Ms(), e2e.loadAverage());
        }
    }

    /** Deletes every topic but the registry's and the anchors', and the pipeline's consumer groups. */
    private void resetPipelineTopics(Admin admin) throws Exception {
        Set<String> keep = Set.of("_schemas", ANCHOR_PRODUCER_TOPIC, ANCHOR_E2E_TOPIC);
        Set<String> doomed = new HashSet<>(admin.listTopics().names().get(30, TimeUnit.SECONDS));
        doomed.removeAll(keep);
        try {
            admin.deleteConsumerGroups(List.of("newsflow-enrich", "newsflow-feed")).all().get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            log("note: deleting the pipeline's consumer groups: %s", e.getMessage());
        }
        admin.deleteTopics(doomed).all().get(60, TimeUnit.SECONDS);
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
        while (admin.listTopics().names().get(30, TimeUnit.SECONDS).stream().anyMatch(doomed::contains)) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("topics not deleted within 2 minutes: " + doomed);
            }
            Thread.sleep(200);
        }
        log("deleted %d topics and the pipeline's consumer groups for a fresh pipeline", doomed.size());
    }

    // ---------------------------------------------------------------- one processing guarantee

    private void runGuarantee(String guarantee) throws Exception {
        Map<String, Object> about = new LinkedHashMap<>();
        perGuarantee.put(guarantee, about);
        Map<String, String> settings = new LinkedHashMap<>(serviceSettings);
        settings.putIfAbsent("topic.partitions", String.valueOf(partitions));
        log("%s: starting enrich-, feed- and ingest-service, each in its own JVM (-Xmx%s), commit.interval.ms=%d%s", guarantee, heap,
            commitIntervalMs, serviceSettings.isEmpty() ? "" : ", " + serviceSettings);
        try (Pipeline pipeline = Pipeline.start(bootstrapServers, registryUrl, guarantee, commitIntervalMs, settings,
                List.of("-Xms" + heap, "-Xmx" + heap, "-XX:+UseG1GC"), serviceClassPath, work.resolve("state-" + guarantee), logs)) {
            about.put("serviceStartSeconds", pipeline.startSeconds());
            log("%s: services ready after %s s", guarantee, pipeline.startSeconds());
            try (VisibilityProbe probe = new VisibilityProbe(bootstrapServers, pipeline.feedUrl(), cells);
                 Loads.Direct direct = new Loads.Direct(bootstrapServers, registryUrl, stories);
                 Loads.Http http = new Loads.Http(pipeline.ingestUrl(), stories)) {
                Runner runner = new Runner(guarantee, pipeline, probe, direct, http);
                runner.warmUp();
                if (jfr) {
                    pipeline.startProfiling("bench");
                }
                if (phases.contains("throughput")) {
                    for (int round = 1; round <= rounds; round++) {
                        List<Cell.Entry> order = new ArrayList<>(throughputEntries);
                        java.util.Collections.rotate(order, round - 1);
                        for (Cell.Entry entry : order) {
                            runner.throughput(entry, round);
                        }
                    }
                }
                if (phases.contains("latency")) {
                    for (int rate : loads) {
                        for (Cell.Entry entry : latencyEntries) {
                            runner.latency(entry, rate);
                        }
                    }
                }
                if (jfr) {
                    Path jfrDirectory = Files.createDirectories(out.resolve("jfr"));
                    List<Path> files = pipeline.stopProfiling("bench", jfrDirectory, guarantee);
                    for (int i = 0; i < files.size(); i++) {
                        profiles.add(JfrSummary.read(Pipeline.SERVICES.get(i) + " (" + guarantee + ")", files.get(i), 8));
                    }
                }
                about.put("liveStreamResyncs", probe.resyncs());
                about.put("liveStreamReconnects", probe.reconnects());
            }
            about.put("memoryAtEnd", pipeline.memory());
        }
    }

    /** Runs the cells of one pipeline. */
    private final class Runner {
        private final String guarantee;
        private final Pipeline pipeline;
        private final VisibilityProbe probe;
        private final Loads.Direct direct;
        private final Loads.Http http;

        Runner(String guarantee, Pipeline pipeline, VisibilityProbe probe, Loads.Direct direct, Loads.Http http) {
            this.guarantee = guarantee;
            this.pipeline = pipeline;
            this.probe = probe;
            this.direct = direct;
            this.http = http;
        }

        /** JIT, connections, RocksDB: each way in at 500 stories/s for the warm-up time; not reported. */
        void warmUp() throws Exception {
            int rate = 500;
            int count = rate * warmupSeconds;
            Map<String, Map<String, Double>> before = threadCpuSeconds();
            long begun = System.nanoTime();
            for (Cell.Entry entry : List.of(Cell.Entry.DIRECT, Cell.Entry.HTTP)) {
                Cell cell = newCell(entry, Cell.Kind.WARMUP, rate, 0, count);
                long started = System.nanoTime();
                send(cell, count, rate);
                drain(cell);
                log("%s: warm-up %s, %,d stories at %d/s, %,d visible after %.1f s%s", guarantee, entry.label, count, rate,
                    cell.visibleCount.get(), (System.nanoTime() - started) / 1e9,
                    cell.failed.get() > 0 ? "; " + cell.failed.get() + " failed, first: " + cell.firstFailure : "");
            }
            // How busy the JIT compilers still were: if they worked until the end, the first cells run partly interpreted.
            double seconds = (System.nanoTime() - begun) / 1e9;
            Map<String, Double> jitShare = new LinkedHashMap<>();
            threadCpuSeconds().forEach((process, threads) -> jitShare.put(process, round1(100 * ThreadCpu.difference(
                    before.getOrDefault(process, Map.of()), threads).entrySet().stream()
                .filter(e -> ThreadCpu.category(e.getKey()).equals("JIT")).mapToDouble(Map.Entry::getValue).sum() / seconds)));
            perGuarantee.get(guarantee).put("jitPercentOfACoreDuringWarmup", jitShare);
            log("%s: JIT compilers used %s %% of a core during the warm-up", guarantee, jitShare);
        }

        void throughput(Cell.Entry entry, int round) throws Exception {
            int count = throughputStories;
            Cell cell = newCell(entry, Cell.Kind.THROUGHPUT, 0, round, count);
            Results.CellResult result = measure(cell, count, 0);
            log("%-60s %,8.0f stories/s to visible (steady %,.0f; in at %,.0f/s); %,d of %,d visible; ack→visible p99 %.0f ms (load %s)",
                cell.label(), result.throughputPerSecond(), result.steadyPerSecond(), result.ackedPerSecond(), result.visible(),
                result.measured(), result.ackToVisible().p99(), result.loadAverage());
        }

        void latency(Cell.Entry entry, int rate) throws Exception {
            int warm = rate * cellWarmupSeconds;
            int count = warm + rate * measureSeconds;
            Cell cell = newCell(entry, Cell.Kind.LATENCY, rate, 0, count);
            cell.measuredFrom = warm;
            Results.CellResult result = measure(cell, count, rate);
            Results.Latency l = result.ackToVisible();
            log("%-60s p50 %8.2f  p99 %8.2f  p99.9 %8.2f ms (n=%,d, offered %,.0f/s, lag ≤ %.0f ms, missing %d)%s (load %s)", cell.label(),
                l.p50(), l.p99(), l.p999(), l.count(), result.generatorPerSecond(), result.generatorMaxLagMs(), result.missing(),
                cell.saturated ? " NOT SUSTAINED: " + cell.saturation : "", result.loadAverage());
        }

        private Results.CellResult measure(Cell cell, int count, int rate) throws Exception {
            String load = Host.loadAverage();
            Map<String, Double> cpuBefore = cpuSeconds();
            Map<String, Map<String, Double>> threadsBefore = threadCpuSeconds();
            int resyncsBefore = probe.resyncs();
            long started = System.nanoTime();
            Loads.Pacing pacing = send(cell, count, rate);
            if (cell.saturated && cell.measuredFrom >= cell.issued.get()) {
                // Fell behind already during the cell's warm-up: every story sent counts, and the load is marked not sustained.
                cell.measuredFrom = 0;
            }
            drain(cell);
            if (cell.kind == Cell.Kind.LATENCY && !cell.saturated) {
                // A pipeline slightly slower than the offered load may never fall 5 s behind within the cell, yet its queue grows.
                long lastSent = cell.span(cell.sent)[1];
                long lastVisible = Math.max(cell.span(cell.visible)[1], cell.span(cell.committed)[1]);
                if (lastSent != 0 && lastVisible - lastSent > TimeUnit.SECONDS.toNanos(maxBacklogSeconds)) {
                    cell.caughtUpLate((lastVisible - lastSent) / 1e9);
                }
            }
            Map<String, Double> cpuAfter = cpuSeconds();
            Map<String, Map<String, Double>> threadsAfter = threadCpuSeconds();
            Map<String, Double> used = new LinkedHashMap<>();
            cpuAfter.forEach((process, seconds) -> used.put(process, seconds - cpuBefore.getOrDefault(process, 0.0)));
            Map<String, Map<String, Double>> threadsUsed = new LinkedHashMap<>();
            threadsAfter.forEach((process, threads) -> threadsUsed.put(process,
                ThreadCpu.difference(threadsBefore.getOrDefault(process, Map.of()), threads)));
            Results.CellResult result = Results.of(cell, pacing, used, threadsUsed, load, probe.resyncs() - resyncsBefore,
                (System.nanoTime() - started) / 1e9);
            results.add(result);
            if (result.failed() > 0) {
                log("  %d stories failed; first: %s", result.failed(), result.firstFailure());
            }
            return result;
        }

        private Loads.Pacing send(Cell cell, int count, int rate) throws Exception {
            Duration limit = cell.kind == Cell.Kind.LATENCY ? Duration.ofSeconds(maxBacklogSeconds) : null;
            return switch (cell.entry) {
                case DIRECT -> direct.run(cell, count, rate, limit);
                case HTTP -> http.runSingle(cell, count, rate, rate > 0 ? maxInFlight : httpConcurrency, limit);
                case HTTP_BATCH -> http.runBatches(cell, count, batchLines, batchConcurrency);
            };
        }

        /**
         * Waits until every acknowledged story is committed into the feed and seen on the live stream (or, if the
         * stream dropped events, committed and a few seconds more), or until nothing moved for the stall time.
         */
        private void drain(Cell cell) throws InterruptedException {
            int resyncsAtStart = probe.resyncs();
            long lastProgress = System.nanoTime();
            int lastSeen = -1;
            long committedAllSince = 0;
            while (true) {
                pipeline.requireAlive();
                int seen = cell.visibleCount.get() + cell.committedCount.get();
                if (seen != lastSeen) {
                    lastSeen = seen;
                    lastProgress = System.nanoTime();
                }
                boolean allCommitted = cell.pending(cell.committed) == 0;
                boolean allVisible = allCommitted && cell.pending(cell.visible) == 0;
                if (allVisible) {
                    return;
                }
                if (allCommitted) {
                    committedAllSince = committedAllSince == 0 ? System.nanoTime() : committedAllSince;
                    if (probe.resyncs() > resyncsAtStart && System.nanoTime() - committedAllSince > TimeUnit.SECONDS.toNanos(3)) {
                        log("  the live stream dropped events (resync); %d stories of %s were only seen committed",
                            cell.pending(cell.visible), cell.label());
                        return;
                    }
                }
                if (System.nanoTime() - lastProgress > TimeUnit.SECONDS.toNanos(stallSeconds)) {
                    log("  WARNING: %s: no progress for %d s; %,d stories not committed into the feed, %,d not on the live stream",
                        cell.label(), stallSeconds, cell.pending(cell.committed), cell.pending(cell.visible));
                    return;
                }
                Thread.sleep(20);
            }
        }

        private Map<String, Map<String, Double>> threadCpuSeconds() {
            Map<String, Map<String, Double>> cpu = new LinkedHashMap<>(pipeline.threadCpuSeconds());
            cpu.put("broker", ThreadCpu.read(broker.pid()));
            cpu.put(GENERATOR, ThreadCpu.read(ProcessHandle.current().pid()));
            return cpu;
        }

        private Map<String, Double> cpuSeconds() {
            Map<String, Double> cpu = new LinkedHashMap<>(pipeline.cpuSeconds());
            cpu.put("broker", broker.cpuTime().toNanos() / 1e9);
            cpu.put(GENERATOR, ProcessHandle.current().info().totalCpuDuration().orElse(Duration.ZERO).toNanos() / 1e9);
            return cpu;
        }

        private Cell newCell(Cell.Entry entry, Cell.Kind kind, int rate, int round, int capacity) {
            if (nextCell >= MAX_CELLS) {
                throw new IllegalStateException("too many cells");
            }
            Cell cell = new Cell(nextCell, guarantee, entry, kind, rate, round, capacity);
            cells.set(nextCell++, cell);
            return cell;
        }
    }

    // ---------------------------------------------------------------- helpers

    private static void awaitLine(ChildProcess process, String text, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!process.logText().contains(text)) {
            process.requireAlive();
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(process.name() + " did not print '" + text + "' within " + timeout + ":\n" + process.logTail());
            }
            Thread.sleep(50);
        }
    }

    static double round1(double value) {
        return Math.round(value * 10) / 10.0;
    }

    private static void deleteRecursively(Path directory) throws IOException {
        if (directory == null || !Files.exists(directory)) {
            return;
        }
        try (Stream<Path> files = Files.walk(directory)) {
            files.sorted(Comparator.reverseOrder()).forEach(file -> file.toFile().delete());
        }
    }

    static void log(String format, Object... args) {
        Object[] all = new Object[args.length + 1];
        all[0] = new java.util.Date();
        System.arraycopy(args, 0, all, 1, args.length);
        System.out.printf(Locale.ROOT, "%tT  " + format + "%n", all);
    }
}
