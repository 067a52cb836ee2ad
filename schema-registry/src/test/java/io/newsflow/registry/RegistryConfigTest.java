package io.newsflow.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;

class RegistryConfigTest {

    @Test
    void appliesConfluentDefaults() {
        RegistryConfig config = RegistryConfig.fromMap(Map.of(
            RegistryConfig.KAFKASTORE_BOOTSTRAP_SERVERS_CONFIG, "broker:9092"));

        assertThat(config.host()).isEqualTo("0.0.0.0");
        assertThat(config.port()).isEqualTo(8081);
        assertThat(config.topic()).isEqualTo("_schemas");
        assertThat(config.replicationFactor()).isEqualTo((short) 1);
        assertThat(config.compatibilityLevel()).isEqualTo(CompatibilityLevel.BACKWARD);
    }

    @Test
    void readsConfluentPropertyNames() {
        RegistryConfig config = RegistryConfig.fromMap(Map.of(
            "listeners", "http://127.0.0.1:18081,http://other:1",
            "kafkastore.bootstrap.servers", "a:1,b:2",
            "kafkastore.topic", "_registry",
            "kafkastore.topic.replication.factor", "3",
            "kafkastore.timeout.ms", "750",
            "schema.compatibility.level", "full_transitive"));

        assertThat(config.host()).isEqualTo("127.0.0.1");
        assertThat(config.port()).isEqualTo(18081);
        assertThat(config.bootstrapServers()).isEqualTo("a:1,b:2");
        assertThat(config.topic()).isEqualTo("_registry");
        assertThat(config.replicationFactor()).isEqualTo((short) 3);
        assertThat(config.timeout()).isEqualTo(Duration.ofMillis(750));
        assertThat(config.compatibilityLevel()).isEqualTo(CompatibilityLevel.FULL_TRANSITIVE);
        assertThat(RegistryConfig.fromMap(config.toMap()).toMap()).isEqualTo(config.toMap());
    }

    @Test
    void fallsBackToTheLegacyPortSetting() {
        RegistryConfig config = RegistryConfig.fromMap(Map.of(
            "port", "0", "host.name", "127.0.0.1", "kafkastore.bootstrap.servers", "b:1"));

        assertThat(config.port()).isZero();
        assertThat(config.host()).isEqualTo("127.0.0.1");
    }

    @Test
    void rejectsMissingOrInvalidSettings() {
        assertThatThrownBy(() -> RegistryConfig.fromMap(Map.of()))
            .hasMessageContaining("kafkastore.bootstrap.servers");
        assertThatThrownBy(() -> RegistryConfig.fromMap(Map.of(
            "kafkastore.bootstrap.servers", "b:1", "schema.compatibility.level", "SIDEWAYS")))
            .hasMessageContaining("SIDEWAYS");
        assertThatThrownBy(() -> RegistryConfig.fromMap(Map.of(
            "kafkastore.bootstrap.servers", "b:1", "listeners", "https://0.0.0.0:8443")))
            .hasMessageContaining("http://");
    }
}
