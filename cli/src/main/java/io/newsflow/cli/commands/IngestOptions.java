package io.newsflow.cli.commands;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Optional;

import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * Where ingest-service is and who is talking to it; mixed into every subcommand that calls it. The API key
 * is never printed: not in help (its default comes from the environment), not in errors, not in toString.
 */
public final class IngestOptions {

    @Spec(Spec.Target.MIXEE)
    CommandSpec mixee;

    @Option(names = "--ingest-url", paramLabel = "<url>",
        defaultValue = "${env:NEWSFLOW_INGEST_URL:-http://127.0.0.1:8082}",
        description = "ingest-service's base URL (env NEWSFLOW_INGEST_URL; default http://127.0.0.1:8082).")
    String ingestUrl;

    @Option(names = "--api-key", paramLabel = "<key>", defaultValue = "${env:NEWSFLOW_API_KEY}",
        showDefaultValue = CommandLine.Help.Visibility.NEVER,
        description = "An editor's API key, sent as 'Authorization: Bearer <key>' (env NEWSFLOW_API_KEY). "
            + "Not needed for the dev stack, which runs without auth.")
    String apiKey;

    /** The base URL without a trailing slash, or a usage error naming what is wrong with it. */
    public URI ingestUri() {
        return serviceUri(ingestUrl, "--ingest-url", "http://127.0.0.1:8082", mixee);
    }

    /**
     * An http(s) service URL given on the command line, without a trailing slash, or a usage error that names the
     * option and shows an example.
     */
    static URI serviceUri(String given, String option, String example, CommandSpec spec) {
        String text = given == null ? "" : given.strip();
        while (text.endsWith("/")) {
            text = text.substring(0, text.length() - 1);
        }
        try {
            URI uri = new URI(text);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!scheme.equals("http") && !scheme.equals("https") || uri.getHost() == null) {
                throw new CommandLine.ParameterException(spec.commandLine(), option
                    + " must be an http:// or https:// URL with a host, like " + example + "; got '" + given + "'");
            }
            return uri;
        } catch (URISyntaxException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), option + " is not a URL: " + e.getMessage());
        }
    }

    public Optional<String> apiKey() {
        return Optional.ofNullable(apiKey).map(String::strip).filter(key -> !key.isEmpty());
    }

    @Override
    public String toString() {
        return "IngestOptions[ingestUrl=" + ingestUrl + ", apiKey=" + (apiKey().isPresent() ? "(set)" : "(none)") + "]";
    }
}
