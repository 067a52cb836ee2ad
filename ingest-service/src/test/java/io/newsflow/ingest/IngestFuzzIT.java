package io.newsflow.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.newsflow.platform.kafka.Topics;
import io.newsflow.registry.RegistryConfig;
import io.newsflow.registry.SchemaRegistryServer;
import io.newsflow.testkit.EmbeddedKafkaBroker;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Fuzzing the front door: 10,000 generated malformed or hostile requests to ingest-service (broken and deeply
 * nested JSON, wrong types, huge fields, invalid UTF-8, control characters, injected headers, unsupported media
 * types, oversized bodies and batches), sent over raw sockets so nothing is cleaned up on the way. Every answer
 * must be a 4xx {@code application/problem+json} with a detail and no stack trace; nothing may reach any topic;
 * the service stays ready and its heap stays bounded.
 */
class IngestFuzzIT {

    private static final int TRIES = 10_000;
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Enough for the service's own working set; a leak of even 1 KB per request would pass it. */
    private static final long HEAP_GROWTH_LIMIT_BYTES = 96L * 1024 * 1024;
    private static final int MAX_BODY_BYTES = 64 * 1024;

    private static Path data;
    private static EmbeddedKafkaBroker broker;
    private static SchemaRegistryServer registry;
    private static IngestApp app;
    private static Map<TopicPartition, Long> endsBefore;
    private static long heapBefore;
    private static final AtomicInteger SENT = new AtomicInteger();
    private static final Map<Integer, Integer> STATUSES = new java.util.concurrent.ConcurrentSkipListMap<>();

    @BeforeContainer
    static void startIngest() throws IOException {
        data = Files.createTempDirectory("newsflow-fuzz");
        broker = EmbeddedKafkaBroker.create(data.resolve("kafka"), 0).start();
        registry = SchemaRegistryServer.start(RegistryConfig.forLocal(broker.bootstrapServers(), 0));
        app = new IngestApp(IngestConfig.load(Map.of(
            "bootstrap.servers", broker.bootstrapServers(),
            "schema.registry.url", registry.url().toString(),
            "http.port", "0",
            "auth.enabled", "false",
            IngestConfig.MAX_BODY_BYTES_CONFIG, String.valueOf(MAX_BODY_BYTES),
            IngestConfig.MAX_BATCH_BYTES_CONFIG, String.valueOf(4 * MAX_BODY_BYTES))));
        app.start();
        endsBefore = topicEnds();
        heapBefore = heapAfterGc();
    }

    @AfterContainer
    static void checkNothingLeakedAndStop() throws Exception {
        try {
            System.err.printf("[IngestFuzzIT] %d requests, answers by status: %s%n", SENT.get(), STATUSES);
            assertThat(SENT.get()).isGreaterThanOrEqualTo(TRIES);
            // Nothing reached any topic: every partition ends where it ended before the first request
            assertThat(topicEnds()).isEqualTo(endsBefore);
            // The service is still ready
            Response ready = send("GET", "/health/ready", Map.of(), new byte[0]);
            assertThat(ready.status()).isEqualTo(200);
            // and its memory is bounded
            long growth = heapAfterGc() - heapBefore;
            System.err.printf("[IngestFuzzIT] heap growth after GC: %d KB%n", growth / 1024);
            assertThat(growth).isLessThan(HEAP_GROWTH_LIMIT_BYTES);
        } finally {
            if (app != null) {
                app.close();
            }
            if (registry != null) {
                registry.close();
            }
            if (broker != null) {
                broker.close();
            }
            io.newsflow.testkit.KafkaBrokerExtension.Directories.deleteRecursively(data);
        }
    }

    @Property(tries = TRIES, seed = "20241021", shrinking = net.jqwik.api.ShrinkingMode.OFF)
    void everyHostileRequestIsRefusedWithAProblemAndNothingIsPublished(@ForAll("hostileRequests") HostileRequest request)
        throws IOException {
        Response response = send(request.method(), request.path(), request.headers(), request.body());
        SENT.incrementAndGet();
        STATUSES.merge(response.status(), 1, Integer::sum);

        assertThat(response.status()).as("%s answered %s", request, response.describe()).isBetween(400, 499);
        assertThat(response.contentType()).as("%s answered %s", request, response.describe())
            .startsWith("application/problem+json");
        JsonNode problem = JSON.readTree(response.body());
        assertThat(problem.get("status").asInt()).isEqualTo(response.status());
        assertThat(problem.get("title").asText()).isNotBlank();
        assertThat(problem.get("detail").asText()).as("detail for %s", request).isNotBlank();
        String body = new String(response.body(), StandardCharsets.UTF_8);
        assertThat(body).doesNotContain("Exception").doesNotContain("\tat ").doesNotContain("at io.newsflow");
    }

    // ---------------------------------------------------------------------------------------------- generators

    /** One request, described for failure messages without dumping megabytes. */
    record HostileRequest(String kind, String method, String path, Map<String, String> headers, byte[] body) {
        @Override
        public String toString() {
            String preview = new String(body, 0, Math.min(body.length, 120), StandardCharsets.UTF_8);
            return kind + " " + method + " " + path + " " + headers + " (" + body.length + " bytes: " + preview + ")";
        }
    }

    @Provide
    Arbitrary<HostileRequest> hostileRequests() {
        return Arbitraries.frequencyOf(
            net.jqwik.api.Tuple.of(3, brokenJson()),
            net.jqwik.api.Tuple.of(3, wrongTypes()),
            net.jqwik.api.Tuple.of(1, deepNesting()),
            net.jqwik.api.Tuple.of(1, hugeFields()),
            net.jqwik.api.Tuple.of(2, invalidUtf8()),
            net.jqwik.api.Tuple.of(2, controlCharacters()),
            net.jqwik.api.Tuple.of(2, headerInjection()),
            net.jqwik.api.Tuple.of(1, unsupportedMedia()),
            net.jqwik.api.Tuple.of(1, oversizedBatches()),
            net.jqwik.api.Tuple.of(1, hostilePaths()));
    }

    private static HostileRequest postJson(String kind, String body) {
        return new HostileRequest(kind, "POST", "/articles", Map.of("Content-Type", "application/json"),
            body.getBytes(StandardCharsets.UTF_8));
    }

    /** A valid story as a mutable map, for the generators to break in one place. */
    private static Map<String, Object> validStory(String id) {
        Map<String, Object> story = new LinkedHashMap<>();
        story.put("id", id);
        story.put("version", 1);
        story.put("source", "fuzz-desk");
        story.put("language", "en");
        story.put("headline", "Fuzzing the front door");
        story.put("body", "A story that would be fine if nothing were wrong with it.");
        story.put("urgency", 4);
        story.put("pubStatus", "usable");
        story.put("publishedAt", "2024-10-21T10:00:00Z");
        return story;
    }

    private static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private Arbitrary<HostileRequest> brokenJson() {
        Arbitrary<String> truncated = Arbitraries.integers().between(1, 200).map(cut -> {
            String full = json(validStory("fuzz-truncated"));
            return full.substring(0, Math.min(cut, full.length() - 1));
        });
        Arbitrary<String> garbage = Arbitraries.strings().ofMinLength(0).ofMaxLength(300)
            .withChars("{}[]\":,\\ntrue falsenull0123456789.eE+-abc");
        Arbitrary<String> notAnObject = Arbitraries.of("[]", "[1,2,3]", "\"a story\"", "42", "null", "true", "",
            "{\"id\": \"x\", \"id\": \"y\"", "{'single':'quotes'}", "{\"a\":1}{\"b\":2}", "\uFEFF{}");
        return Arbitraries.oneOf(truncated, garbage, notAnObject).map(body -> postJson("broken-json", body));
    }

    /** Per field, values that field can never take; and the fields a story cannot do without. */
    private static final Map<String, List<Object>> INVALID_VALUES = Map.of(
        "version", List.of(List.of(), Map.of(), -1, 0, 3.5, "", "one", true),
        "urgency", List.of(0, 10, -1, 3.5, "high", List.of(), true),
        "headline", List.of("", " ", List.of(), Map.of("text", "x"), 42, true),
        "publishedAt", List.of("not-a-date", "9999-99-99T99:99:99Z", 42, List.of(), "yesterday"),
        "pubStatus", List.of("unknownStatus", 3, List.of()),
        "language", List.of(42, List.of(), "", " "),
        "labels", List.of("not-a-list", 42, Map.of(), List.of(Map.of()), List.of("")),
        "id", List.of("../../etc/passwd", "has space", 42, List.of(), "<script>alert(1)</script>"),
        "source", List.of("", List.of(), 42));
    private static final List<String> REQUIRED = List.of("source", "language", "headline", "body", "publishedAt");

    private Arbitrary<HostileRequest> wrongTypes() {
        Arbitrary<Map<String, Object>> wrongValue = Arbitraries.of(List.copyOf(INVALID_VALUES.keySet())).flatMap(field ->
            Arbitraries.of(INVALID_VALUES.get(field)).map(value -> {
                Map<String, Object> story = validStory("fuzz-wrong-type");
                story.put(field, value);
                return story;
            }));
        Arbitrary<Map<String, Object>> missing = Arbitraries.of(REQUIRED).map(field -> {
            Map<String, Object> story = validStory("fuzz-missing");
            story.remove(field);
            return story;
        });
        return Arbitraries.oneOf(wrongValue, missing).map(story -> postJson("wrong-type", json(story)));
    }

    private Arbitrary<HostileRequest> deepNesting() {
        return Arbitraries.integers().between(500, 20_000).flatMap(depth -> Arbitraries.of("[", "{\"a\":").map(open -> {
            String close = open.equals("[") ? "]" : "}";
            return "{\"id\":\"fuzz-deep\",\"headline\":" + open.repeat(depth) + "1" + close.repeat(depth) + "}";
        })).map(body -> postJson("deep-nesting", body));
    }

    private Arbitrary<HostileRequest> hugeFields() {
        Arbitrary<String> field = Arbitraries.of("headline", "body", "id", "source", "byline");
        return Combinators.combine(field, Arbitraries.integers().between(MAX_BODY_BYTES + 1, 3 * MAX_BODY_BYTES))
            .as((name, size) -> {
                Map<String, Object> story = validStory("fuzz-huge");
                story.put(name, "w".repeat(size));
                return postJson("huge-field", json(story));
            });
    }

    private Arbitrary<HostileRequest> invalidUtf8() {
        Arbitrary<byte[]> bad = Arbitraries.of(new byte[] {(byte) 0xC3, 0x28}, new byte[] {(byte) 0xFF},
            new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80}, new byte[] {(byte) 0xF8, (byte) 0x88, (byte) 0x80, (byte) 0x80},
            new byte[] {(byte) 0xC0, (byte) 0xAF}, new byte[] {(byte) 0xE2, (byte) 0x82});
        Arbitrary<String> type = Arbitraries.of("application/json", "text/plain; charset=utf-8", "application/x-ndjson");
        return Combinators.combine(bad, type, Arbitraries.integers().between(0, 40)).as((bytes, contentType, at) -> {
            byte[] story = json(validStory("fuzz-utf8")).getBytes(StandardCharsets.UTF_8);
            int split = story.length - 3 - at;  // inside the body text
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            out.write(story, 0, split);
            out.writeBytes(bytes);
            out.write(story, split, story.length - split);
            String path = contentType.equals("application/x-ndjson") ? "/articles:batch" : "/articles";
            return new HostileRequest("invalid-utf8", "POST", path, Map.of("Content-Type", contentType), out.toByteArray());
        });
    }

    private Arbitrary<HostileRequest> controlCharacters() {
        Arbitrary<Character> control = Arbitraries.chars().range('\u0000', '\u001F').filter(c -> c != '\n' && c != '\t')
            .injectDuplicates(0.1);
        Arbitrary<String> field = Arbitraries.of("headline", "id", "source", "language");
        return Combinators.combine(field, control).as((name, c) -> {
            Map<String, Object> story = validStory("fuzz-control");
            story.put(name, "bad" + c + "value");
            return postJson("control-char", json(story));
        });
    }

    private Arbitrary<HostileRequest> headerInjection() {
        Arbitrary<String> key = Arbitraries.of("key\rX-Injected: yes", "key\nSet-Cookie: a=b", "k".repeat(5000),
            "key\u0000zero", "key with spaces and ünïcödé", "");
        Arbitrary<String> contentType = Arbitraries.of("text/html\r\nX-Injected: yes", "application/json\r\n folded-continuation", "application/json; charset=ebcdic",
            "application/json; charset=utf-7", "text/html", "multipart/form-data; boundary=x", "application/json; charset=latin1");
        return Arbitraries.oneOf(
            key.map(k -> new HostileRequest("header-injection", "POST", "/articles",
                Map.of("Content-Type", "application/json", "Idempotency-Key", k),
                "{\"broken\":".getBytes(StandardCharsets.UTF_8))),
            contentType.map(t -> new HostileRequest("header-injection", "POST", "/articles", Map.of("Content-Type", t),
                json(validStory("fuzz-header")).getBytes(StandardCharsets.UTF_8))));
    }

    private Arbitrary<HostileRequest> unsupportedMedia() {
        return Arbitraries.of("application/xml", "application/octet-stream", "image/png", "application/x-www-form-urlencoded")
            .map(type -> new HostileRequest("media-type", "POST", "/articles", Map.of("Content-Type", type),
                "<story><headline>x</headline></story>".getBytes(StandardCharsets.UTF_8)));
    }

    private Arbitrary<HostileRequest> oversizedBatches() {
        Arbitrary<HostileRequest> tooManyLines = Arbitraries.integers().between(10_001, 12_000).map(lines ->
            new HostileRequest("oversized-batch", "POST", "/articles:batch", Map.of("Content-Type", "application/x-ndjson"),
                "{}\n".repeat(lines).getBytes(StandardCharsets.UTF_8)));
        Arbitrary<HostileRequest> tooManyBytes = Arbitraries.integers().between(4 * MAX_BODY_BYTES + 1, 6 * MAX_BODY_BYTES)
            .map(size -> new HostileRequest("oversized-batch", "POST", "/articles:batch",
                Map.of("Content-Type", "application/x-ndjson"), "b".repeat(size).getBytes(StandardCharsets.UTF_8)));
        return Arbitraries.oneOf(tooManyLines, tooManyBytes);
    }

    private Arbitrary<HostileRequest> hostilePaths() {
        Arbitrary<String> id = Arbitraries.of("..%2F..%2Fetc%2Fpasswd", "%00", "%E2%80%AE", "x".repeat(2000), "%2e%2e",
            "no-such-story", "%F0%9F%92%A5", "a%20b");
        return Combinators.combine(Arbitraries.of("DELETE", "POST"), id).as((method, storyId) -> {
            String path = method.equals("DELETE") ? "/articles/" + storyId : "/articles/" + storyId + "/reinstate";
            return new HostileRequest("hostile-path", method, path, Map.of(), new byte[0]);
        });
    }

    // ---------------------------------------------------------------------------------------------- raw HTTP

    record Response(int status, String contentType, byte[] body) {
        String describe() {
            return status + " " + contentType + " " + new String(body, 0, Math.min(body.length, 300), StandardCharsets.UTF_8);
        }
    }

    /**
     * One HTTP/1.1 exchange on a fresh socket, bytes exactly as given (header values included, CR and LF too),
     * so the server's own parser meets the hostile input.
     */
    private static Response send(String method, String path, Map<String, String> headers, byte[] body) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", app.httpPort())) {
            socket.setSoTimeout((int) Duration.ofSeconds(30).toMillis());
            ByteArrayOutputStream request = new ByteArrayOutputStream();
            request.writeBytes((method + " " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n")
                .getBytes(StandardCharsets.UTF_8));
            for (Map.Entry<String, String> header : headers.entrySet()) {
                request.writeBytes((header.getKey() + ": " + header.getValue() + "\r\n").getBytes(StandardCharsets.UTF_8));
            }
            request.writeBytes(("Content-Length: " + body.length + "\r\n\r\n").getBytes(StandardCharsets.UTF_8));
            request.writeBytes(body);
            OutputStream out = socket.getOutputStream();
            try {
                out.write(request.toByteArray());
                out.flush();
            } catch (IOException e) {
                // The server may answer and close before reading a body it refuses; read what it said.
            }
            return parse(socket.getInputStream());
        }
    }

    private static Response parse(InputStream in) throws IOException {
        byte[] all = in.readAllBytes();
        String text = new String(all, StandardCharsets.ISO_8859_1);
        int headerEnd = text.indexOf("\r\n\r\n");
        assertThat(headerEnd).as("a complete HTTP answer, got: %s", text.substring(0, Math.min(200, text.length())))
            .isPositive();
        String[] lines = text.substring(0, headerEnd).split("\r\n");
        int status = Integer.parseInt(lines[0].split(" ")[1]);
        Map<String, String> headers = new HashMap<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            headers.put(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT), lines[i].substring(colon + 1).trim());
        }
        byte[] body = java.util.Arrays.copyOfRange(all, headerEnd + 4, all.length);
        if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
            body = dechunk(body);
        }
        return new Response(status, headers.getOrDefault("content-type", ""), body);
    }

    private static byte[] dechunk(byte[] chunked) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int at = 0;
        while (at < chunked.length) {
            int lineEnd = at;
            while (lineEnd + 1 < chunked.length && !(chunked[lineEnd] == '\r' && chunked[lineEnd + 1] == '\n')) {
                lineEnd++;
            }
            int size = Integer.parseInt(new String(chunked, at, lineEnd - at, StandardCharsets.ISO_8859_1).split(";")[0].trim(), 16);
            if (size == 0) {
                break;
            }
            out.write(chunked, lineEnd + 2, size);
            at = lineEnd + 2 + size + 2;
        }
        return out.toByteArray();
    }

    // ---------------------------------------------------------------------------------------------- topics, heap

    private static Map<TopicPartition, Long> topicEnds() {
        Map<String, Object> config = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = new ArrayList<>();
            for (var topic : Topics.all()) {
                consumer.partitionsFor(topic.name()).forEach(p -> partitions.add(new TopicPartition(topic.name(), p.partition())));
            }
            return new HashMap<>(consumer.endOffsets(partitions));
        }
    }

    private static long heapAfterGc() {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }
}
