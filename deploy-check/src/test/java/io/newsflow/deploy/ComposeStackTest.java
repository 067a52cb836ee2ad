package io.newsflow.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.Schema;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * docker-compose.yml and the Prometheus and Grafana files it mounts, checked without a Docker engine: against the
 * Compose Specification's JSON schema, against the repository (build contexts, Dockerfile, modules, main classes,
 * mounted files), and against each other (scrape targets, datasource, dashboard folder).
 */
class ComposeStackTest {

    /** The port each service listens on inside the compose network, published on the same host port. */
    private static final Map<String, Integer> PORTS = Map.of(
        "kafka", 9092,
        "schema-registry", 8081,
        "ingest-service", 8082,
        "feed-service", 8083,
        "enrich-service", 8084,
        "prometheus", 9090,
        "grafana", 3000);

    private static final Set<String> NEWSFLOW_SERVICES = Set.of("ingest-service", "enrich-service", "feed-service");

    private static JsonNode compose;
    private static JsonNode services;

    @BeforeAll
    static void readCompose() {
        compose = RepoFiles.yaml("docker-compose.yml");
        services = compose.path("services");
    }

    @Test
    void composeFileIsValidAgainstTheComposeSpecification() {
        // Given the Compose Specification's JSON schema
        Schema spec = JsonSchemas.composeSpec();

        // Then docker-compose.yml violates none of it
        assertThat(JsonSchemas.violations(spec, compose)).isEmpty();

        // ...and the schema does reject what Compose rejects, so the empty list above means something
        ObjectNode broken = compose.deepCopy();
        ((ObjectNode) broken.path("services").path("kafka")).put("imagee", "apache/kafka:4.1.0");
        ((ObjectNode) broken.path("services").path("grafana")).put("ports", 3000);
        assertThat(JsonSchemas.violations(spec, broken))
            .anySatisfy(error -> assertThat(error).contains("imagee"))
            .anySatisfy(error -> assertThat(error).contains("ports"));
    }

    @Test
    void theStackHasEveryServiceTheIssueAsksFor() {
        assertThat(names(services)).containsExactlyInAnyOrderElementsOf(PORTS.keySet());
        // The YAML anchor shared by the three services was resolved, not dropped
        assertThat(services.path("enrich-service").path("environment"))
            .isEqualTo(services.path("ingest-service").path("environment"))
            .isEqualTo(services.path("feed-service").path("environment"));
        assertThat(services.path("ingest-service").path("environment").path("NEWSFLOW_BOOTSTRAP_SERVERS").asText())
            .isEqualTo("kafka:19092");
    }

    @Test
    void imagesArePinnedAndBuildsPointAtRealModules() throws IOException {
        for (Map.Entry<String, JsonNode> service : fields(services).entrySet()) {
            String name = service.getKey();
            JsonNode definition = service.getValue();
            if (NEWSFLOW_SERVICES.contains(name)) {
                // Built from the repository's Dockerfile for its own module and main class
                JsonNode build = definition.path("build");
                assertThat(build.isObject()).as("%s is built, not pulled", name).isTrue();
                Path context = RepoFiles.root().resolve(build.path("context").asText()).normalize();
                assertThat(context).isEqualTo(RepoFiles.root());
                assertThat(context.resolve(build.path("dockerfile").asText("Dockerfile"))).isRegularFile();
                assertThat(build.path("args").path("SERVICE").asText()).as("%s SERVICE arg", name).isEqualTo(name);
                assertThat(context.resolve(name).resolve("pom.xml")).isRegularFile();
                String mainClass = build.path("args").path("MAIN_CLASS").asText();
                assertThat(context.resolve(name + "/src/main/java/" + mainClass.replace('.', '/') + ".java"))
                    .as("%s MAIN_CLASS %s", name, mainClass).isRegularFile();
                assertThat(rootModules()).contains(name);
            } else {
                String image = definition.path("image").asText();
                assertThat(image).as("%s image", name).matches("[a-z0-9./-]+:[0-9][A-Za-z0-9._-]*|[a-z0-9./-]+:v[0-9][A-Za-z0-9._-]*");
                assertThat(image).doesNotEndWith(":latest");
            }
        }
        assertThat(Files.readString(RepoFiles.path("Dockerfile"))).contains("ARG SERVICE", "ARG MAIN_CLASS");
    }

    @Test
    void everyServicePublishesItsPort() {
        PORTS.forEach((name, port) -> assertThat(containerPorts(name)).as("%s ports", name).contains(port));
        for (String name : NEWSFLOW_SERVICES) {
            assertThat(services.path(name).path("depends_on").toString()).contains("kafka", "schema-registry");
            assertThat(services.path(name).path("environment").path("NEWSFLOW_SCHEMA_REGISTRY_URL").asText())
                .isEqualTo("http://schema-registry:" + PORTS.get("schema-registry"));
        }
    }

    @Test
    void prometheusScrapesEveryNewsflowServiceAtAComposeNameAndPort() {
        // Given the scrape config mounted where --config.file points
        JsonNode prometheus = services.path("prometheus");
        String configFile = flag(prometheus.path("command"), "--config.file");
        assertThat(bindMounts(prometheus)).containsEntry(configFile, "./ops/prometheus/prometheus.yml");
        JsonNode config = RepoFiles.yaml("ops/prometheus/prometheus.yml");

        // Then every target is host:port of a compose service and a port that service listens on
        Set<String> scraped = new TreeSet<>();
        for (JsonNode job : config.path("scrape_configs")) {
            assertThat(job.path("metrics_path").asText("/metrics")).isEqualTo("/metrics");
            for (JsonNode staticConfig : job.path("static_configs")) {
                for (JsonNode target : staticConfig.path("targets")) {
                    String[] hostPort = target.asText().split(":");
                    assertThat(hostPort).as("target %s", target).hasSize(2);
                    assertThat(names(services)).as("target %s names a compose service", target).contains(hostPort[0]);
                    assertThat(containerPorts(hostPort[0])).as("target %s", target).contains(Integer.parseInt(hostPort[1]));
                    scraped.add(hostPort[0]);
                }
            }
        }
        // ...and the three Newsflow services are all scraped
        assertThat(scraped).containsAll(NEWSFLOW_SERVICES);
        assertThat(prometheus.path("depends_on").toString()).contains(NEWSFLOW_SERVICES);
    }

    @Test
    void grafanaIsProvisionedWithThePrometheusDatasourceAndTheDashboard() {
        // Given Grafana's mounts
        JsonNode grafana = services.path("grafana");
        Map<String, String> mounts = bindMounts(grafana);
        assertThat(mounts).containsEntry("/etc/grafana/provisioning", "./ops/grafana/provisioning");
        String dashboardsDir = mounts.entrySet().stream()
            .filter(mount -> mount.getValue().equals("./ops/grafana/dashboards")).map(Map.Entry::getKey)
            .findFirst().orElseThrow(() -> new AssertionError("ops/grafana/dashboards is not mounted"));

        // Then the datasource points at the prometheus service
        JsonNode datasources = RepoFiles.yaml("ops/grafana/provisioning/datasources/prometheus.yml").path("datasources");
        assertThat(datasources).hasSize(1);
        JsonNode datasource = datasources.get(0);
        assertThat(datasource.path("type").asText()).isEqualTo("prometheus");
        assertThat(datasource.path("url").asText()).isEqualTo("http://prometheus:" + PORTS.get("prometheus"));

        // ...the dashboard provider reads the mounted folder
        JsonNode providers = RepoFiles.yaml("ops/grafana/provisioning/dashboards/newsflow.yml").path("providers");
        assertThat(providers).hasSize(1);
        assertThat(providers.get(0).path("type").asText()).isEqualTo("file");
        assertThat(providers.get(0).path("options").path("path").asText()).isEqualTo(dashboardsDir);
        assertThat(grafana.path("environment").path("GF_DASHBOARDS_DEFAULT_HOME_DASHBOARD_PATH").asText())
            .isEqualTo(dashboardsDir + "/newsflow.json");

        // ...and every panel and variable of the dashboard uses that datasource
        JsonNode dashboard = RepoFiles.json("ops/grafana/dashboards/newsflow.json");
        List<String> uids = new ArrayList<>();
        dashboard.findValues("datasource").forEach(ds -> {
            if (!ds.path("type").asText().equals("grafana")) {
                uids.add(ds.path("uid").asText());
            }
        });
        assertThat(uids).isNotEmpty().containsOnly(datasource.path("uid").asText());
    }

    @Test
    void dockerComposeConfigAcceptsTheFile() throws Exception {
        // Only where a compose client exists (there is no Docker engine or compose plugin on the build machines)
        String reason = "SKIPPED dockerComposeConfigAcceptsTheFile: no `docker compose` client here, so `docker compose "
            + "config -q` was not run; the Compose Specification schema check stands in for it";
        int version = run(List.of("docker", "compose", "version")).exitCode();
        if (version != 0) {
            System.err.println(reason);
        }
        assumeThat(version).as(reason).isZero();
        Result result = run(List.of("docker", "compose", "-f", RepoFiles.path("docker-compose.yml").toString(), "config", "-q"));
        assertThat(result.exitCode()).as(result.output()).isZero();
    }

    private record Result(int exitCode, String output) {
    }

    private static Result run(List<String> command) throws IOException, InterruptedException {
        Process process;
        try {
            process = new ProcessBuilder(command).directory(RepoFiles.root().toFile()).redirectErrorStream(true).start();
        } catch (IOException e) {
            return new Result(127, e.getMessage());
        }
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            return new Result(124, "timed out");
        }
        return new Result(process.exitValue(), new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
    }

    /** Container ports of a service, from its {@code ports} in short ("8082:8082") or long syntax. */
    private static List<Integer> containerPorts(String service) {
        List<Integer> ports = new ArrayList<>();
        for (JsonNode port : services.path(service).path("ports")) {
            if (port.isObject()) {
                ports.add(port.path("target").asInt());
            } else {
                String spec = port.asText().replaceAll("/(tcp|udp)$", "");
                ports.add(Integer.parseInt(spec.substring(spec.lastIndexOf(':') + 1)));
            }
        }
        return ports;
    }

    /** Container path → host path of a service's bind mounts (short syntax, {@code :ro} dropped). */
    private static Map<String, String> bindMounts(JsonNode service) {
        Map<String, String> mounts = new HashMap<>();
        for (JsonNode volume : service.path("volumes")) {
            String[] parts = volume.asText().split(":");
            if (parts[0].startsWith("./")) {
                assertThat(RepoFiles.root().resolve(parts[0])).as("mounted %s", parts[0]).exists();
                mounts.put(parts[1], parts[0]);
            }
        }
        return mounts;
    }

    private static String flag(JsonNode command, String name) {
        for (JsonNode argument : command) {
            if (argument.asText().startsWith(name + "=")) {
                return argument.asText().substring(name.length() + 1);
            }
        }
        throw new AssertionError("no " + name + " in " + command);
    }

    private static Set<String> names(JsonNode object) {
        return fields(object).keySet();
    }

    private static Map<String, JsonNode> fields(JsonNode object) {
        Map<String, JsonNode> fields = new LinkedHashMap<>();
        object.fields().forEachRemaining(entry -> fields.put(entry.getKey(), entry.getValue()));
        return fields;
    }

    private static List<String> rootModules() throws IOException {
        List<String> modules = new ArrayList<>();
        var matcher = java.util.regex.Pattern.compile("<module>([^<]+)</module>")
            .matcher(Files.readString(RepoFiles.path("pom.xml")));
        while (matcher.find()) {
            modules.add(matcher.group(1));
        }
        return modules;
    }
}
