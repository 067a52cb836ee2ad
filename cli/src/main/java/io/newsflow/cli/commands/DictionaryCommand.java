package io.newsflow.cli.commands;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code newsflow dictionary put|delete|get|status}: the live linking dictionary from the command line.
 * Edits go to ingest-service's {@code PUT}/{@code DELETE /dictionary/entries/{id}}, which writes them to the
 * compacted {@code dictionary.entries} topic; reads come from enrich-service, which answers with the entry it
 * links with now, so {@code get} after {@code put} shows when the change is live.
 */
@Command(name = "dictionary", mixinStandardHelpOptions = true,
    description = "Adds, changes, removes and shows entries of the live linking dictionary.",
    subcommands = {DictionaryCommand.Put.class, DictionaryCommand.Delete.class, DictionaryCommand.Get.class,
        DictionaryCommand.Status.class})
public final class DictionaryCommand implements Callable<Integer> {

    static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().getErr().println("newsflow dictionary: say 'put', 'delete', 'get' or 'status'");
        spec.commandLine().usage(spec.commandLine().getErr());
        return CommandLine.ExitCode.USAGE;
    }

    /** Where enrich-service is; mixed into the reading subcommands. */
    static final class EnrichOptions {
        @Spec(Spec.Target.MIXEE)
        CommandSpec mixee;

        @Option(names = "--enrich-url", paramLabel = "<url>",
            defaultValue = "${env:NEWSFLOW_ENRICH_URL:-http://127.0.0.1:8084}",
            description = "enrich-service's base URL (env NEWSFLOW_ENRICH_URL; default http://127.0.0.1:8084).")
        String enrichUrl;

        URI enrichUri() {
            return IngestOptions.serviceUri(enrichUrl, "--enrich-url", "http://127.0.0.1:8084", mixee);
        }
    }

    /** How far back an edit re-enriches; mixed into the editing subcommands. */
    static final class ReplayOption {
        @Option(names = "--replay-hours", paramLabel = "<hours>", defaultValue = "0",
            description = "Also re-enrich the stories of the last <hours> hours with the changed dictionary (0..168).")
        int replayHours;
    }

    /** {@code newsflow dictionary put FILE}: adds or replaces the entry in a JSON file. */
    @Command(name = "put", mixinStandardHelpOptions = true,
        description = {"Adds or replaces a dictionary entry, given as one JSON object in the dictionary's line format "
            + "(id, canonical, type, aliases; optional localAliases, cues, roles, prior, partOf, ...).",
            "Every enrich-service instance uses it for new stories within seconds."})
    static final class Put implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        IngestOptions ingest;

        @Mixin
        ReplayOption replay;

        @Parameters(paramLabel = "FILE", description = "The entry as JSON; '-' reads it from standard input.")
        String file;

        @Override
        public Integer call() throws Exception {
            byte[] body = read(spec, file);
            JsonNode entry;
            try {
                entry = JSON.readTree(body);
            } catch (JsonProcessingException e) {
                throw new CommandLine.ParameterException(spec.commandLine(), file + " is not JSON: " + e.getOriginalMessage());
            }
            if (entry == null || !entry.isObject() || !entry.path("id").isTextual()) {
                throw new CommandLine.ParameterException(spec.commandLine(), file + " must hold one JSON object with an \"id\"");
            }
            String id = entry.get("id").asText();
            HttpRequest.Builder request = HttpRequest.newBuilder(editUri(ingest.ingestUri(), id, replay.replayHours))
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofByteArray(body));
            return exchange(spec, request, ingest.apiKey(), "ingest-service");
        }
    }

    /** {@code newsflow dictionary delete ID}: removes an entry, or with {@code --restore} undoes every edit of it. */
    @Command(name = "delete", mixinStandardHelpOptions = true,
        description = {"Removes a dictionary entry.",
            "With --restore, forgets every edit of the id instead, so the entry shipped with the release applies again."})
    static final class Delete implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        IngestOptions ingest;

        @Mixin
        ReplayOption replay;

        @Parameters(paramLabel = "ID", description = "The entry's id, e.g. person:jane-doe.")
        String id;

        @Option(names = "--restore", description = "Undo the edits of this id rather than remove the entry.")
        boolean restore;

        @Override
        public Integer call() throws Exception {
            URI uri = editUri(ingest.ingestUri(), id, replay.replayHours);
            if (restore) {
                uri = URI.create(uri + (uri.getQuery() == null ? "?" : "&") + "restore=true");
            }
            HttpRequest.Builder request = HttpRequest.newBuilder(uri).DELETE();
            return exchange(spec, request, ingest.apiKey(), "ingest-service");
        }
    }

    /** {@code newsflow dictionary get ID}: the entry enrichment uses now. */
    @Command(name = "get", mixinStandardHelpOptions = true,
        description = "Prints the entry enrich-service links with now, as JSON; exits 1 when there is none.")
    static final class Get implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        EnrichOptions enrich;

        @Parameters(paramLabel = "ID", description = "The entry's id, e.g. place:kursk-oblast.")
        String id;

        @Override
        public Integer call() throws Exception {
            URI uri = URI.create(enrich.enrichUri() + "/dictionary/entries/" + encode(id));
            return exchange(spec, HttpRequest.newBuilder(uri).GET(), Optional.empty(), "enrich-service");
        }
    }

    /** {@code newsflow dictionary status}: size, edits applied and the last rebuild. */
    @Command(name = "status", mixinStandardHelpOptions = true,
        description = "Prints the live dictionary's size, the edits applied and when it was last rebuilt.")
    static final class Status implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        EnrichOptions enrich;

        @Override
        public Integer call() throws Exception {
            URI uri = URI.create(enrich.enrichUri() + "/dictionary");
            return exchange(spec, HttpRequest.newBuilder(uri).GET(), Optional.empty(), "enrich-service");
        }
    }

    private static URI editUri(URI ingest, String id, int replayHours) {
        return URI.create(ingest + "/dictionary/entries/" + encode(id) + (replayHours > 0 ? "?replayHours=" + replayHours : ""));
    }

    private static String encode(String id) {
        return URLEncoder.encode(id, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static byte[] read(CommandSpec spec, String file) throws IOException {
        if (file.equals("-")) {
            return System.in.readAllBytes();
        }
        try {
            return Files.readAllBytes(Path.of(file));
        } catch (NoSuchFileException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), "no such file: " + file);
        }
    }

    /**
     * Sends the request and prints the answer: the JSON body on stdout for a 2xx (exit 0), the problem's title
     * and detail on stderr otherwise (exit 1), and exit 2 when the service cannot be reached.
     */
    private static int exchange(CommandSpec spec, HttpRequest.Builder request, Optional<String> apiKey, String service)
        throws IOException, InterruptedException {
        request.timeout(REQUEST_TIMEOUT).header("Accept", "application/json, application/problem+json");
        apiKey.ifPresent(key -> request.header("Authorization", "Bearer " + key));
        HttpRequest built = request.build();
        HttpResponse<String> response;
        try {
            response = HTTP.send(built, HttpResponse.BodyHandlers.ofString());
        } catch (ConnectException | HttpConnectTimeoutException e) {
            spec.commandLine().getErr().println("newsflow dictionary: cannot reach " + service + " at "
                + built.uri().resolve("/") + ": " + (e.getMessage() == null ? "connection refused" : e.getMessage()));
            spec.commandLine().getErr().flush();
            return CommandLine.ExitCode.USAGE;
        }
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (response.statusCode() / 100 == 2) {
            out.println(pretty(response.body()));
            out.flush();
            return CommandLine.ExitCode.OK;
        }
        err.println("newsflow dictionary: " + service + " answered " + response.statusCode() + ": " + problem(response.body()));
        err.flush();
        return CommandLine.ExitCode.SOFTWARE;
    }

    private static String pretty(String body) {
        try {
            return JSON.writeValueAsString(JSON.readTree(body));
        } catch (JsonProcessingException e) {
            return body;
        }
    }

    /** "title: detail" of an RFC 9457 problem, or the body as it came. */
    private static String problem(String body) {
        try {
            JsonNode problem = JSON.readTree(body);
            String title = problem.path("title").asText("");
            String detail = problem.path("detail").asText("");
            return detail.isEmpty() ? (title.isEmpty() ? body : title) : (title.isEmpty() ? detail : title + ": " + detail);
        } catch (JsonProcessingException e) {
            return body;
        }
    }
}
