package io.newsflow.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;

import org.junit.jupiter.api.Test;

class SchemaRegistryMainTest {

    @Test
    void argumentsOverrideConfluentStyleEnvironmentVariables() {
        Map<String, String> env = Map.of(
            "SCHEMA_REGISTRY_KAFKASTORE_BOOTSTRAP_SERVERS", "env:9092",
            "SCHEMA_REGISTRY_KAFKASTORE_TOPIC", "_env_schemas",
            "PATH", "/usr/bin");

        RegistryConfig config = RegistryConfig.fromMap(SchemaRegistryMain.settings(env,
            new String[] {"--port", "18081", "--bootstrap-servers", "arg:9092", "--compatibility", "FULL"}));

        assertThat(config.port()).isEqualTo(18081);
        assertThat(config.bootstrapServers()).isEqualTo("arg:9092");
        assertThat(config.topic()).isEqualTo("_env_schemas");
        assertThat(config.compatibilityLevel()).isEqualTo(CompatibilityLevel.FULL);
    }

    @Test
    void refusesToStartWithoutBootstrapServersOrWithUnknownOptions() {
        assertThatThrownBy(() -> SchemaRegistryMain.settings(Map.of(), new String[] {"--port", "1"}))
            .hasMessageContaining("bootstrap");
        assertThatThrownBy(() -> SchemaRegistryMain.settings(Map.of(), new String[] {"--colour", "blue"}))
            .hasMessageContaining("--colour");
    }

    @Test
    void parsesVersionSegmentsLikeConfluent() {
        assertThat(SchemaRegistry.parseVersion("latest")).isEqualTo(SchemaRegistry.LATEST);
        assertThat(SchemaRegistry.parseVersion("-1")).isEqualTo(SchemaRegistry.LATEST);
        assertThat(SchemaRegistry.parseVersion("12")).isEqualTo(12);
        for (String invalid : new String[] {"0", "-2", "one", "99999999999"}) {
            assertThatThrownBy(() -> SchemaRegistry.parseVersion(invalid))
                .isInstanceOfSatisfying(RegistryException.class,
                    e -> assertThat(e.errorCode()).isEqualTo(RegistryException.INVALID_VERSION));
        }
    }
}
