package io.newsflow.cli.commands;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpServer;
import io.newsflow.cli.NewsflowCli;
import io.newsflow.cli.push.PushOutcome;
import io.newsflow.cli.push.StoryResult;
import io.newsflow.dev.DevStack;
import io.newsflow.testkit.SampleStories;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code newsflow push} against the whole pipeline running in this JVM on the embedded broker. */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PushCommandIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PREFIX = "push-it-1";
    private static final Pattern RECEIPT_LINE = Pattern.compile("^accepted (\\S+) id=(\\S+) version=(\\d+) at=(\\S+)", Pattern.MULTILINE);

    @TempDir
    static Path temp;

    private static DevStack stack;
    private static Path stories;
    private static Map<String, String> firstRunPositions;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @BeforeAll
    static void startPipelineAndWriteStories() throws IOException {
        stack = DevStack.start(new DevStack.Options(temp.resolve("data"), DevStack.Ports.random(), Optional.empty()));
        stories = writeStories(temp.resolve("stories"));
    }

    @AfterAll
    static void stopPipeline() {
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    @Order(1)
    void pushesAFolderOfJsonNdjsonAndAPageAndReportsTheRefusedLine() {
        // Given a folder with 2 native JSON stories, an NDJSON file whose line 2 has urgency 12, and a raw page

        // When it is pushed with an idempotency prefix
        Run run = push("--ingest-url", stack.ingestUrl().toString(), "--idempotency-prefix", PREFIX, "--verbose", stories.toString());

        // Then the one refused line makes the exit code 1, and the summary counts and names it
        assertThat(run.exitCode()).as(run.toString()).isEqualTo(1);
        assertThat(run.out()).contains("Pushed 6 stories from 4 files")
            .contains("accepted: 5")
            .contains("failed:   1");
        String failure = run.out().lines().filter(line -> line.contains("batch.ndjson:2")).findFirst().orElseThrow();
        assertThat(failure).contains("422").contains("urgency").contains("between 1 (flash) and 9");
        assertThat(run.outcome().failures()).singleElement().satisfies(refused -> {
            assertThat(refused.file()).endsWith("batch.ndjson");
            assertThat(refused.line()).isEqualTo(2);
            assertThat(refused.status()).isEqualTo(422);
        });
        // and plain per-file lines went to stderr, since stderr is no terminal here
        assertThat(run.err()).contains("north-korean-troops.json: accepted as uledger-2024-10-21-north-korean-troops v1")
            .contains("batch.ndjson: 2 accepted, 1 FAILED (3 lines)")
            .contains("ferry.txt: accepted as ");

        // Then --verbose printed the 5 receipts, the same as the command's results
        firstRunPositions = positions(run.out());
        assertThat(firstRunPositions).hasSize(5).containsOnlyKeys(run.outcome().results().stream()
            .filter(StoryResult::isAccepted).map(StoryResult::where).toArray(String[]::new));

        // Then every accepted story reaches feed-service
        List<String> ids = run.outcome().results().stream().filter(StoryResult::isAccepted).map(result -> result.receipt().id()).toList();
        assertThat(ids).hasSize(5).doesNotHaveDuplicates();
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250)).untilAsserted(() -> {
            for (String id : ids) {
                assertThat(status(URI.create(stack.feedUrl() + "/articles/" + id))).as("GET /articles/%s", id).isEqualTo(200);
            }
        });
    }

    @Test
    @Order(2)
    void pushingAgainWithTheSamePrefixPublishesNothingNew() {
        // Given the folder was pushed once with this prefix
        assertThat(firstRunPositions).as("the first push ran").isNotNull();

        // When it is pushed again, with the same prefix
        Run run = push("--ingest-url", stack.ingestUrl().toString(), "--idempotency-prefix", PREFIX, "--verbose",
            "--concurrency", "2", stories.toString());

        // Then every story is accepted again at the offsets of the first push: nothing was written twice
        assertThat(run.exitCode()).as(run.toString()).isEqualTo(1);
        assertThat(run.out()).contains("accepted: 5").contains("failed:   1");
        assertThat(positions(run.out())).isEqualTo(firstRunPositions);
        assertThat(run.outcome().results().stream().filter(StoryResult::isAccepted)
            .collect(Collectors.toMap(StoryResult::where, result -> result.receipt().position())))
            .isEqualTo(firstRunPositions);
    }

    @Test
    @Order(3)
    void aDryRunListsTheFilesAndSendsNothing() {
        // Given the folder of stories

        // When it is pushed with --dry-run
        Run run = push("--ingest-url", stack.ingestUrl().toString(), "--idempotency-prefix", "dry", "--dry-run", stories.toString());

        // Then it lists each file with its content type and key, and says nothing was sent
        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.out())
            .contains("as application/json, Idempotency-Key dry:north-korean-troops.json")
            .contains("batch.ndjson as application/x-ndjson (3 stories in 1 request), Idempotency-Key dry:wire/batch.ndjson#1..")
            .contains("ferry.txt as text/plain; charset=utf-8, Idempotency-Key dry:pages/ferry.txt")
            .contains("Dry run: 6 stories from 4 files would go to " + stack.ingestUrl() + "; nothing was sent.");
        assertThat(run.outcome()).isNull();
    }

    @Test
    @Order(4)
    void anUnreachableIngestServiceIsOneErrorLineAndExitCode2() throws IOException {
        // Given a port on 127.0.0.1 nothing listens on
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }

        // When the folder is pushed there
        Run run = push("--ingest-url", "http://127.0.0.1:" + closedPort, stories.toString());

        // Then the push stops with exit code 2 and one line saying what is wrong, without a stack trace
        assertThat(run.exitCode()).as(run.toString()).isEqualTo(2);
        assertThat(run.err().strip().lines()).singleElement().asString()
            .contains("cannot reach ingest-service at http://127.0.0.1:" + closedPort)
            .contains("--ingest-url");
        assertThat(run.out()).isEmpty();
    }

    @Test
    @Order(5)
    void a401StopsThePushWithAHintAboutTheApiKey() throws IOException {
        // Given a server on 127.0.0.1 that wants an API key it is not given
        HttpServer locked = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        locked.createContext("/", exchange -> {
            byte[] body = "{\"title\":\"Unauthorized\",\"status\":401,\"detail\":\"The API key is not valid.\"}".getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/problem+json");
            exchange.sendResponseHeaders(401, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        locked.start();
        try {
            // When the folder is pushed there with a wrong key
            Run run = push("--ingest-url", "http://127.0.0.1:" + locked.getAddress().getPort(), "--api-key", "s3cr3t-wrong-key",
                stories.toString());

            // Then it stops with exit code 2 and one line pointing at --api-key, never echoing the key
            assertThat(run.exitCode()).as(run.toString()).isEqualTo(2);
            assertThat(run.err().strip().lines()).singleElement().asString()
                .contains("refused the API key (401: The API key is not valid.)")
                .contains("--api-key");
            assertThat(run.out() + run.err()).doesNotContain("s3cr3t-wrong-key");
        } finally {
            locked.stop(0);
        }
    }

    private record Run(int exitCode, String out, String err, PushOutcome outcome) {
    }

    private static Run push(String... args) {
        CommandLine cli = new CommandLine(new NewsflowCli());
        PushCommand command = cli.getSubcommands().get("push").getCommand();
        command.terminal = () -> false;
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        String[] full = new String[args.length + 1];
        full[0] = "push";
        System.arraycopy(args, 0, full, 1, args.length);
        int exitCode = cli.execute(full);
        return new Run(exitCode, out.toString(), err.toString(), command.outcome().orElse(null));
    }

    /** {@code file[:line]} to {@code topic-partition@offset}, from the --verbose lines. */
    private static Map<String, String> positions(String out) {
        Matcher matcher = RECEIPT_LINE.matcher(out);
        Map<String, String> positions = new java.util.HashMap<>();
        while (matcher.find()) {
            positions.put(matcher.group(1), matcher.group(4));
        }
        return positions;
    }

    private int status(URI uri) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(5)).GET().build(),
            HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    private static Path writeStories(Path folder) throws IOException {
        List<String> names = SampleStories.names();
        Files.createDirectories(folder.resolve("wire"));
        Files.createDirectories(folder.resolve("pages"));
        Files.writeString(folder.resolve(names.get(0)), SampleStories.json(names.get(0)));
        Files.writeString(folder.resolve(names.get(1)), SampleStories.json(names.get(1)));

        ObjectNode tooUrgent = (ObjectNode) JSON.readTree(SampleStories.json(names.get(3)));
        tooUrgent.put("urgency", 12);
        String ndjson = String.join("\n", Arrays.asList(
            JSON.readTree(SampleStories.json(names.get(2))).toString(),
            tooUrgent.toString(),
            JSON.readTree(SampleStories.json(names.get(4))).toString())) + "\n";
        Files.writeString(folder.resolve("wire/batch.ndjson"), ndjson);

        Files.writeString(folder.resolve("pages/ferry.txt"), """
            Dnipro Dispatch. World
            Exclusive

            River ferry between Kherson and Hola Prystan resumes after three months

            21 October, 2024 Monday
            17:56

            A passenger ferry across the Dnipro between Kherson and Hola Prystan made its first crossing in three months on Monday, the regional administration said.

            The service had stopped in July after shelling damaged the landing stage. Repairs were paid for by the city and by donors from Poland, officials said.

            "People on the left bank have waited for this boat all summer," said the captain, Petro Moroz. The ferry will run twice a day when there is no air-raid alert.

            Tags:
            Kherson region
            Transport

            Read also:
            Engineers inspect bridges damaged in the autumn floods

            18:40
            Updated
            Power restored to most of Kherson after overnight strike

            18:12
            Farmers count the cost of a dry autumn

            More news
            """);
        return folder;
    }
}
