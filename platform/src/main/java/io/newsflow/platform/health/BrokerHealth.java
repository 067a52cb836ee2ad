package io.newsflow.platform.health;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.newsflow.platform.config.CommonConfig;
import io.newsflow.platform.config.Settings;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.clients.admin.DescribeClusterResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Readiness check {@code broker}: whether the Kafka cluster answers {@code describeCluster}.
 *
 * <p>The question is asked on a background thread every {@code interval} with a short timeout, and a probe
 * only reads the last answer, so a dead broker never holds a probe for longer than it takes to read a field.
 * Until the first answer arrives, and whenever the last one is older than a few intervals (the checker is
 * stuck), the check is DOWN. Transitions are logged once, not every interval.
 */
public final class BrokerHealth implements HealthCheck, AutoCloseable {

    public static final String NAME = "broker";
    public static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(2);
    public static final Duration DEFAULT_TIMEOUT = Duration.ofMillis(1500);

    private static final Logger log = LoggerFactory.getLogger(BrokerHealth.class);

    private record Observed(Result result, Instant at) {
    }

    private final String bootstrapServers;
    private final Admin admin;
    private final Duration timeout;
    private final Duration maxAge;
    private final Clock clock;
    private final ScheduledExecutorService checker;
    private volatile Observed last;

    private BrokerHealth(String bootstrapServers, Admin admin, Duration interval, Duration timeout, Clock clock) {
        this.bootstrapServers = bootstrapServers;
        this.admin = admin;
        this.timeout = timeout;
        this.maxAge = interval.multipliedBy(3).plus(timeout);
        this.clock = clock;
        this.checker = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "broker-health");
            thread.setDaemon(true);
            return thread;
        });
        checker.scheduleWithFixedDelay(this::refresh, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Checks the cluster of a service's {@code bootstrap.servers}, with its {@code kafka.} client settings. */
    public static BrokerHealth start(Settings settings) {
        Map<String, Object> props = new HashMap<>(settings.withPrefix(CommonConfig.KAFKA_CLIENT_PREFIX));
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, settings.string(CommonConfig.BOOTSTRAP_SERVERS_CONFIG));
        return start(props, DEFAULT_INTERVAL, DEFAULT_TIMEOUT);
    }

    /** Checks the cluster that {@code adminConfig} (at least {@code bootstrap.servers}) points at. */
    public static BrokerHealth start(Map<String, Object> adminConfig, Duration interval, Duration timeout) {
        Map<String, Object> props = new HashMap<>(adminConfig);
        int timeoutMs = (int) timeout.toMillis();
        props.putIfAbsent(AdminClientConfig.CLIENT_ID_CONFIG, "newsflow-broker-health");
        props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, timeoutMs);
        props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, timeoutMs);
        props.put(AdminClientConfig.RETRIES_CONFIG, 0);
        String servers = String.valueOf(props.get(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG));
        return new BrokerHealth(servers, Admin.create(props), interval, timeout, Clock.systemUTC());
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Result check() {
        Observed observed = last;
        if (observed == null) {
            return Result.down("not checked yet: waiting for the first answer from " + bootstrapServers);
        }
        Duration age = Duration.between(observed.at(), clock.instant());
        if (age.compareTo(maxAge) > 0) {
            return Result.down("no answer from the broker check for " + age.toMillis() + " ms");
        }
        return observed.result();
    }

    private void refresh() {
        Result result;
        try {
            DescribeClusterResult cluster = admin.describeCluster(new DescribeClusterOptions().timeoutMs((int) timeout.toMillis()));
            long waitMs = timeout.toMillis() + 500;
            int brokers = cluster.nodes().get(waitMs, TimeUnit.MILLISECONDS).size();
            String clusterId = cluster.clusterId().get(waitMs, TimeUnit.MILLISECONDS);
            result = brokers > 0
                ? Result.up("cluster " + clusterId + ", " + brokers + (brokers == 1 ? " broker" : " brokers"))
                : Result.down("cluster " + clusterId + " reports no live brokers");
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            result = Result.down("Kafka unreachable at " + bootstrapServers + ": " + cause.getClass().getSimpleName()
                + (cause.getMessage() == null ? "" : " (" + cause.getMessage() + ")"));
        } catch (TimeoutException e) {
            result = Result.down("Kafka unreachable at " + bootstrapServers + ": no answer within " + timeout.toMillis() + " ms");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        } catch (RuntimeException e) {
            result = Result.down("broker check failed: " + e);
        }
        Observed previous = last;
        last = new Observed(result, clock.instant());
        if (previous == null ? !result.up() : previous.result().up() != result.up()) {
            if (result.up()) {
                log.info("Kafka reachable again: {}", result.detail());
            } else {
                log.warn("readiness DOWN: {}", result.detail());
            }
        }
    }

    @Override
    public void close() {
        checker.shutdownNow();
        try {
            checker.awaitTermination(timeout.toMillis() + 1000, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        admin.close(Duration.ofSeconds(1));
    }
}
