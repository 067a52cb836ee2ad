package io.newsflow.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The PromQL name extraction the dashboard check relies on. */
class MetricsContractTest {

    @Test
    void findsTheMetricsInsideFunctionsAndAggregations() {
        assertThat(MetricsContract.metricNames(
            "histogram_quantile(0.99, sum by (le, stage) (rate(newsflow_pipeline_latency_seconds_bucket{stage=\"visible\"}[$__rate_interval])))"))
            .containsExactly("newsflow_pipeline_latency_seconds_bucket");
        assertThat(MetricsContract.metricNames(
            "max by (group) (kafka_consumergroup_group_lag{group=~\"$group\"}) / on (group) kafka_partition_latest_offset offset 5m"))
            .containsExactly("kafka_consumergroup_group_lag", "kafka_partition_latest_offset");
        assertThat(MetricsContract.metricNames("label_values(newsflow_stories_total, service)"))
            .containsExactly("newsflow_stories_total");
        assertThat(MetricsContract.metricNames("label_values(kafka_consumergroup_group_lag{topic=\"a,b\"}, group)"))
            .containsExactly("kafka_consumergroup_group_lag");
    }

    @Test
    void ignoresNumbersVariablesAndComparisons() {
        assertThat(MetricsContract.metricNames("max by (service, state) (newsflow_streams_state{service=~\"$service\"}) == 1e0"))
            .containsExactly("newsflow_streams_state");
        assertThat(MetricsContract.metricNames("sum(rate(some_unknown_total[5m])) > bool 3"))
            .containsExactly("some_unknown_total");
    }
}
