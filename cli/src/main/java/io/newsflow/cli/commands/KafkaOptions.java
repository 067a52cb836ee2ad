package io.newsflow.cli.commands;

import picocli.CommandLine.Option;

/** Where Kafka and the schema registry are; mixed into the commands that read topics directly. */
public final class KafkaOptions {

    @Option(names = "--bootstrap-servers", paramLabel = "<host:port>",
        defaultValue = "${env:NEWSFLOW_BOOTSTRAP_SERVERS:-127.0.0.1:9092}",
        description = "Kafka brokers (env NEWSFLOW_BOOTSTRAP_SERVERS; default 127.0.0.1:9092, the dev stack's).")
    String bootstrapServers;

    @Option(names = "--schema-registry-url", paramLabel = "<url>",
        defaultValue = "${env:NEWSFLOW_SCHEMA_REGISTRY_URL:-http://127.0.0.1:8081}",
        description = "Confluent-compatible schema registry (env NEWSFLOW_SCHEMA_REGISTRY_URL; default http://127.0.0.1:8081).")
    String schemaRegistryUrl;

    public String bootstrapServers() {
        return bootstrapServers.strip();
    }

    public String schemaRegistryUrl() {
        return schemaRegistryUrl.strip();
    }
}
