package io.newsflow.deploy;

import java.util.LinkedHashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Prometheus series every Newsflow service exposes at {@code GET /metrics} (issue 6's contract between the
 * metrics work and the deployment files). Dashboards and alerts may use these names and no others.
 */
final class MetricsContract {

    /** Series names as Prometheus stores them (histograms by their {@code _bucket}/{@code _count}/{@code _sum} series). */
    static final Set<String> SERIES = Set.of(
        "kafka_consumergroup_group_lag",
        "kafka_consumergroup_group_lag_seconds",
        "kafka_consumergroup_group_max_lag",
        "kafka_consumergroup_group_max_lag_seconds",
        "kafka_consumergroup_group_offset",
        "kafka_partition_latest_offset",
        "newsflow_pipeline_latency_seconds_bucket",
        "newsflow_pipeline_latency_seconds_count",
        "newsflow_pipeline_latency_seconds_sum",
        "newsflow_stories_total",
        "newsflow_dlq_records_total",
        "newsflow_streams_state",
        "newsflow_streams_restore_remaining_records",
        "http_server_requests_seconds_count",
        "http_server_requests_seconds_bucket",
        "http_server_requests_seconds_sum",
        // Micrometer's Caffeine binder on feed-service's item cache ({cache="feed-items", result="hit"|"miss"}).
        "cache_gets_total",
        // feed-service's open live streams.
        "newsflow_feed_live_streams",
        // Micrometer's JVM binders (the dashboard uses only this one of them).
        "jvm_memory_used_bytes");

    private static final Set<String> KEYWORDS = Set.of("by", "without", "on", "ignoring", "group_left", "group_right",
        "and", "or", "unless", "bool", "offset", "inf", "nan");

    private static final Pattern STRING = Pattern.compile("\"(?:\\\\.|[^\"\\\\])*\"|'(?:\\\\.|[^'\\\\])*'");
    private static final Pattern MATCHERS = Pattern.compile("\\{[^}]*}");
    private static final Pattern RANGE = Pattern.compile("\\[[^]]*]");
    private static final Pattern GROUPING = Pattern.compile("\\b(by|without|on|ignoring|group_left|group_right)\\s*\\([^)]*\\)");
    private static final Pattern VARIABLE = Pattern.compile("\\$\\{?\\w+}?");
    /** Grafana's {@code label_values(metric, label)} variable query: the second argument is a label. */
    private static final Pattern LABEL_VALUES = Pattern.compile("label_values\\(([^,()]*),\\s*[A-Za-z_]\\w*\\s*\\)");
    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_:][A-Za-z0-9_:]*");

    private MetricsContract() {
    }

    /**
     * The metric names a PromQL expression selects: identifiers that are not functions, keywords, label names in
     * matchers or groupings, durations, numbers or Grafana variables. Also reads Grafana's {@code label_values(...)}.
     */
    static Set<String> metricNames(String promql) {
        String stripped = STRING.matcher(promql).replaceAll("\"\"");
        stripped = VARIABLE.matcher(stripped).replaceAll(" ");
        stripped = MATCHERS.matcher(stripped).replaceAll(" ");
        stripped = LABEL_VALUES.matcher(stripped).replaceAll("($1)");
        stripped = RANGE.matcher(stripped).replaceAll(" ");
        stripped = GROUPING.matcher(stripped).replaceAll(" ");
        Set<String> names = new LinkedHashSet<>();
        Matcher matcher = IDENTIFIER.matcher(stripped);
        while (matcher.find()) {
            String identifier = matcher.group();
            if (matcher.start() > 0 && Character.isDigit(stripped.charAt(matcher.start() - 1))) {
                continue; // the exponent or unit of a number such as 1e3
            }
            String rest = stripped.substring(matcher.end()).stripLeading();
            if (rest.startsWith("(") || KEYWORDS.contains(identifier.toLowerCase())) {
                continue;
            }
            names.add(identifier);
        }
        return names;
    }
}
