package io.newsflow.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * ops/grafana/dashboards/newsflow.json. Grafana publishes no JSON schema for dashboards, so this checks what
 * Grafana needs to load one (its required fields, unique panel ids, a sane grid) and what operators need from it:
 * every query uses only the metrics the services expose, and lag, latency, throughput, DLQ, HTTP and Streams state
 * are all on it.
 */
class GrafanaDashboardTest {

    private static JsonNode dashboard;
    private static List<JsonNode> panels;
    private static List<String> expressions;

    @BeforeAll
    static void readDashboard() {
        dashboard = RepoFiles.json("ops/grafana/dashboards/newsflow.json");
        panels = new ArrayList<>();
        dashboard.path("panels").forEach(panel -> {
            panels.add(panel);
            panel.path("panels").forEach(panels::add); // panels inside collapsed rows
        });
        expressions = new ArrayList<>();
        panels.forEach(panel -> panel.path("targets").forEach(target -> expressions.add(target.path("expr").asText())));
    }

    @Test
    void hasTheFieldsGrafanaNeedsToProvisionIt() {
        assertThat(dashboard.path("title").asText()).isNotBlank();
        assertThat(dashboard.path("uid").asText()).matches("[A-Za-z0-9_-]{1,40}");
        assertThat(dashboard.path("schemaVersion").isInt()).isTrue();
        assertThat(dashboard.path("schemaVersion").asInt()).isGreaterThanOrEqualTo(36);
        assertThat(dashboard.path("id").isNull() || dashboard.path("id").isMissingNode())
            .as("a provisioned dashboard has no database id").isTrue();
        assertThat(dashboard.path("time").path("from").asText()).isNotBlank();
        assertThat(panels).isNotEmpty();
    }

    @Test
    void panelsHaveUniqueIdsATypeAndAPlaceOnTheGrid() {
        Set<Integer> ids = new HashSet<>();
        List<int[]> rectangles = new ArrayList<>();
        for (JsonNode panel : panels) {
            String title = panel.path("title").asText();
            assertThat(panel.path("id").isInt()).as("%s id", title).isTrue();
            assertThat(ids.add(panel.path("id").asInt())).as("panel id %s of %s is unique", panel.path("id"), title).isTrue();
            assertThat(panel.path("type").asText()).as("%s type", title).isNotBlank();
            assertThat(title).isNotBlank();
            JsonNode grid = panel.path("gridPos");
            int x = grid.path("x").asInt(-1);
            int y = grid.path("y").asInt(-1);
            int w = grid.path("w").asInt(0);
            int h = grid.path("h").asInt(0);
            assertThat(x).as("%s x", title).isBetween(0, 23);
            assertThat(y).as("%s y", title).isNotNegative();
            assertThat(w).as("%s width", title).isPositive();
            assertThat(x + w).as("%s fits 24 columns", title).isLessThanOrEqualTo(24);
            assertThat(h).as("%s height", title).isPositive();
            for (int[] other : rectangles) {
                boolean overlaps = x < other[0] + other[2] && other[0] < x + w && y < other[1] + other[3] && other[1] < y + h;
                assertThat(overlaps).as("%s overlaps another panel", title).isFalse();
            }
            rectangles.add(new int[] {x, y, w, h});
        }
    }

    @Test
    void everyQueryPanelHasADatasourceAndTargetsWithExpressions() {
        List<JsonNode> queryPanels = panels.stream().filter(panel -> !panel.path("type").asText().equals("row")).toList();
        assertThat(queryPanels).hasSizeGreaterThanOrEqualTo(6);
        for (JsonNode panel : queryPanels) {
            String title = panel.path("title").asText();
            assertThat(panel.path("datasource").path("type").asText()).as("%s datasource", title).isEqualTo("prometheus");
            assertThat(panel.path("targets").isArray() && !panel.path("targets").isEmpty()).as("%s targets", title).isTrue();
            Set<String> refIds = new HashSet<>();
            for (JsonNode target : panel.path("targets")) {
                assertThat(target.path("expr").asText()).as("%s expr", title).isNotBlank();
                assertThat(refIds.add(target.path("refId").asText())).as("%s refId %s unique", title, target.path("refId")).isTrue();
                assertThat(balanced(target.path("expr").asText())).as("%s brackets balance", title).isTrue();
            }
        }
    }

    @Test
    void queriesUseOnlyTheMetricsTheServicesExpose() {
        Set<String> used = new TreeSet<>();
        List<String> queries = new ArrayList<>(expressions);
        dashboard.path("templating").path("list").forEach(variable -> queries.add(variable.path("query").path("query").asText(
            variable.path("query").asText())));
        for (String query : queries) {
            Set<String> names = MetricsContract.metricNames(query);
            assertThat(names).as("metrics in %s", query).isNotEmpty();
            assertThat(MetricsContract.SERIES).as("metrics in %s", query).containsAll(names);
            used.addAll(names);
        }
        // Every metric family of the contract is on the dashboard (JVM: memory only)
        assertThat(used).contains(
            "kafka_consumergroup_group_lag", "kafka_consumergroup_group_lag_seconds",
            "kafka_consumergroup_group_max_lag", "kafka_consumergroup_group_max_lag_seconds",
            "kafka_consumergroup_group_offset", "kafka_partition_latest_offset",
            "newsflow_pipeline_latency_seconds_bucket", "newsflow_stories_total", "newsflow_dlq_records_total",
            "newsflow_streams_state", "newsflow_streams_restore_remaining_records",
            "http_server_requests_seconds_count", "http_server_requests_seconds_bucket", "jvm_memory_used_bytes",
            "newsflow_feed_live_streams");
    }

    @Test
    void showsLagPerGroupAndPartitionAndLatencyQuantilesPerStage() {
        assertThat(expressions).anyMatch(expr -> expr.contains("kafka_consumergroup_group_lag{")
            && expr.contains("by (group, topic, partition)"));
        assertThat(expressions).anyMatch(expr -> expr.contains("kafka_consumergroup_group_lag_seconds{")
            && expr.contains("by (group, topic, partition)"));
        assertThat(expressions).anyMatch(expr -> expr.startsWith("histogram_quantile(0.5,")
            && expr.contains("by (le, stage)") && expr.contains("newsflow_pipeline_latency_seconds_bucket"));
        assertThat(expressions).anyMatch(expr -> expr.startsWith("histogram_quantile(0.99,")
            && expr.contains("by (le, stage)") && expr.contains("newsflow_pipeline_latency_seconds_bucket"));
        assertThat(expressions).anyMatch(expr -> expr.contains("rate(newsflow_stories_total"));
        assertThat(expressions).anyMatch(expr -> expr.contains("increase(newsflow_dlq_records_total"));
    }

    private static boolean balanced(String expr) {
        int depth = 0;
        for (char c : expr.toCharArray()) {
            if (c == '(' || c == '{' || c == '[') {
                depth++;
            } else if (c == ')' || c == '}' || c == ']') {
                depth--;
            }
            if (depth < 0) {
                return false;
            }
        }
        return depth == 0;
    }
}
