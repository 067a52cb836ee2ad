/**
 * A small schema registry speaking Confluent's REST API (Avro only), for dev mode and tests where
 * {@code confluentinc/cp-schema-registry} is not available. Production keeps using Confluent's.
 *
 * <p>How it fits together:
 * <ul>
 *   <li>{@link io.newsflow.registry.SchemaRegistryServer} starts everything from a
 *       {@link io.newsflow.registry.RegistryConfig}; {@link io.newsflow.registry.SchemaRegistryMain} runs it
 *       standalone.</li>
 *   <li>{@code RegistryRoutes} maps HTTP onto {@code SchemaRegistry}, which validates requests (with
 *       {@link io.newsflow.registry.CompatibilityChecker}) and turns them into log records.</li>
 *   <li>{@code KafkaSchemaLog} writes those records to a compacted single-partition topic and reads them back
 *       into {@code RegistryState}; the in-memory state is only ever built from the topic, at startup and
 *       after every write, so it survives restarts of the registry and of the broker.</li>
 * </ul>
 *
 * <p>One registry instance per topic: ids are allocated in memory, without leader election.
 */
package io.newsflow.registry;
