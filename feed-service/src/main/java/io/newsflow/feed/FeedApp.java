package io.newsflow.feed;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.newsflow.feed.cluster.FeedCluster;
import io.newsflow.feed.http.FeedRoutes;
import io.newsflow.feed.http.FeedViews;
import io.newsflow.feed.http.LiveStreams;
import io.newsflow.feed.http.OpsRoutes;
import io.newsflow.feed.http.PageCache;
import io.newsflow.feed.live.LiveEvents;
import io.newsflow.feed.live.LiveFeed;
import io.newsflow.feed.store.FeedQueries;
import io.newsflow.feed.store.FeedRetention;
import io.newsflow.feed.store.LocalStores;
import io.newsflow.feed.store.SharedRocksDbMemory;
import io.newsflow.feed.store.TimelineItemCache;
import io.newsflow.platform.Service;
import io.newsflow.platform.config.CommonConfig;
import io.newsflow.platform.config.Settings;
import io.newsflow.platform.health.BrokerHealth;
import io.newsflow.platform.health.HealthCheck;
import io.newsflow.platform.http.HttpServer;
import io.newsflow.platform.http.Json;
import io.newsflow.platform.kafka.TopicProvisioner;
import io.newsflow.platform.lag.ConsumerLagMonitor;
import io.newsflow.platform.kafka.Topics;
import io.newsflow.platform.metrics.Metrics;
import io.newsflow.platform.metrics.PipelineMetrics;
import io.newsflow.platform.ninjs.NinjsWriter;
import io.newsflow.platform.streams.DeadLetterRouter;
import io.newsflow.platform.streams.StreamsRunner;
import io.newsflow.platform.streams.StreamsSettings;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.state.HostInfo;

/**
 * feed-service: a Kafka Streams app that materializes the latest-news stores and serves them over HTTP.
 */
public final class FeedApp implements Service {

    private final Settings settings;
    private StreamsRunner streams;
    private LiveEvents liveEvents;
    private LiveStreams liveStreams;
    private HttpServer http;
    private ConsumerLagMonitor lag;

    public FeedApp(Settings settings) {
        this.settings = settings;
    }

    public static void main(String[] args) {
        Service.runUntilShutdown(new FeedApp(FeedConfig.load(Map.of())));
    }

    @Override
    public String name() {
        return "feed-service";
    }

    /**
     * HTTP starts first, answering 503 until the stores are ready, because its address is this instance's
     * {@code application.server}: peers must know where to send queries before partitions are assigned.
     */
    @Override
    public void start() {
        TopicProvisioner.ensureAll(settings);
        PrometheusMeterRegistry metrics = Metrics.forService(name());
        DeadLetterRouter.registerCounters(metrics, name());
        Settings resolved = settings.with(CommonConfig.HTTP_PORT_CONFIG, String.valueOf(resolvePort()));
        HostInfo self = new HostInfo(resolved.optional(FeedConfig.ADVERTISED_HOST_CONFIG)
            .orElse(resolved.string(CommonConfig.HTTP_HOST_CONFIG)), resolved.integer(CommonConfig.HTTP_PORT_CONFIG));

        LiveFeed live = new LiveFeed();
        liveEvents = new LiveEvents(resolved, live);
        AtomicReference<StreamsRunner> running = new AtomicReference<>();
        BooleanSupplier ready = () -> running.get() != null && running.get().isRunning();
        Supplier<KafkaStreams> kafkaStreams = () -> running.get().streams();
        LongSupplier generation = () -> running.get().generation();
        Duration readYourWrites = Duration.ofMillis(resolved.integer(FeedConfig.READ_YOUR_WRITES_TIMEOUT_MS_CONFIG));
        // A peer answering a forwarded ?minVersion=N may wait the whole bound first; give it that and a margin.
        Duration peerTimeout = readYourWrites.plusSeconds(2).compareTo(Duration.ofSeconds(5)) > 0
            ? readYourWrites.plusSeconds(2) : Duration.ofSeconds(5);
        var cluster = new FeedCluster(kafkaStreams, generation, self, partitionsOf(Topics.ARTICLES_ENRICHED.name()), peerTimeout);
        var stores = new LocalStores(kafkaStreams, generation);
        var items = TimelineItemCache.create(resolved.integer(TimelineItemCache.ENTRIES_CONFIG), generation, metrics);
        var queries = new FeedQueries(stores, items, FeedViews::itemJson,
            Integer.parseInt(settings.string(FeedQueries.SCAN_BUDGET_CONFIG)));
        var pages = PageCache.create(resolved.integer(PageCache.BYTES_CONFIG), generation, metrics);
        liveStreams = new LiveStreams(live, FeedApp::json, resolved.integer(LiveStreams.MAX_CLIENTS_CONFIG),
            Duration.ofMillis(resolved.integer(LiveStreams.HEARTBEAT_MS_CONFIG)),
            Duration.ofMillis(resolved.integer(LiveStreams.STALL_TIMEOUT_MS_CONFIG)));
        Gauge.builder("newsflow.feed.live.streams", liveStreams, LiveStreams::count)
            .description("Live streams (GET /feed/stream) open on this instance").register(metrics);
        var routes = new FeedRoutes(() -> queries, pages, cluster, liveStreams, new NinjsWriter(Json.mapper()),
            Json.mapper(), Clock.systemUTC(), readYourWrites, ready);
        lag = new ConsumerLagMonitor(resolved.string(CommonConfig.BOOTSTRAP_SERVERS_CONFIG),
            List.of(resolved.string(FeedConfig.OPS_LAG_GROUPS_CONFIG).split("\\s*,\\s*")),
            Duration.ofMillis(resolved.integer(CommonConfig.LAG_SAMPLE_INTERVAL_MS_CONFIG)), Duration.ofHours(1),
            Clock.systemUTC())
            .exportTo(metrics, Set.of(resolved.string(FeedConfig.APPLICATION_ID_CONFIG)))
            .start();
        var ops = new OpsRoutes(lag);
        // Ready once Streams is RUNNING (stores restored) and while Kafka answers; the broker check closes with the server.
        var readiness = List.of(HealthCheck.of("streams", ready, "Kafka Streams is not RUNNING (stores restoring or rebalancing)"),
            BrokerHealth.start(resolved));
        http = HttpServer.start(name(), resolved, metrics, readiness, config -> {
            routes.register(config);
            ops.register(config);
        });

        Properties props = StreamsSettings.from(resolved, resolved.string(FeedConfig.APPLICATION_ID_CONFIG), metrics);
        props.put(StreamsConfig.APPLICATION_SERVER_CONFIG, self.host() + ":" + self.port());
        props.put(StreamsConfig.NUM_STANDBY_REPLICAS_CONFIG, resolved.integer(FeedConfig.STANDBY_REPLICAS_CONFIG));
        SharedRocksDbMemory.install(props, resolved);
        streams = new StreamsRunner(name(), FeedTopology.build(CommonConfig.serdeConfigs(resolved), PipelineMetrics.on(metrics), items.and(pages),
            FeedRetention.from(resolved)), props);
        running.set(streams);
        streams.start(Duration.ofMillis(resolved.integer(FeedConfig.STARTUP_TIMEOUT_MS_CONFIG)), metrics);
    }

    /** A configured port, or for 0 a free one chosen now, since it must be advertised before the server starts. */
    private int resolvePort() {
        int port = settings.integer(CommonConfig.HTTP_PORT_CONFIG);
        if (port != 0) {
            return port;
        }
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private int partitionsOf(String topic) {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, settings.string(CommonConfig.BOOTSTRAP_SERVERS_CONFIG)))) {
            return admin.describeTopics(List.of(topic)).allTopicNames().get(30, TimeUnit.SECONDS).get(topic).partitions().size();
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("cannot describe topic " + topic + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String json(Object value) {
        try {
            return Json.mapper().writeValueAsString(value);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("cannot render a live event as JSON", e);
        }
    }

    public int httpPort() {
        return http.port();
    }

    /**
     * The Kafka Streams tasks this instance runs, as task ids such as {@code 0_1}: {@code active} ones serve reads,
     * {@code standby} ones keep a warm copy of another instance's stores for a failover.
     */
    public Map<String, Set<String>> localTasks() {
        Set<String> active = new TreeSet<>();
        Set<String> standby = new TreeSet<>();
        for (var thread : streams.streams().metadataForLocalThreads()) {
            thread.activeTasks().forEach(task -> active.add(task.taskId().toString()));
            thread.standbyTasks().forEach(task -> standby.add(task.taskId().toString()));
        }
        return Map.of("active", active, "standby", standby);
    }

    @Override
    public void close() {
        if (liveStreams != null) {
            liveStreams.close(); // ends the open streams, so the server's stop does not wait for them
        }
        if (http != null) {
            http.close();
        }
        if (streams != null) {
            streams.close();
        }
        if (liveEvents != null) {
            liveEvents.close();
        }
        if (lag != null) {
            lag.close();
        }
    }
}
