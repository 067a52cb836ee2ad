package io.newsflow.dev;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.newsflow.testkit.SampleStories;

/**
 * Pushes the sample stories through ingest-service's public API, as an editor's tool would, skipping any
 * the feed already holds so a restarted dev stack does not publish them again.
 */
public final class SampleLoader {

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final ObjectMapper json = new ObjectMapper();
    private final URI ingestUrl;
    private final URI feedUrl;

    public SampleLoader(URI ingestUrl, URI feedUrl) {
        this.ingestUrl = ingestUrl;
        this.feedUrl = feedUrl;
    }

    /** Returns how many samples were published. */
    public int loadMissing() throws IOException, InterruptedException {
        int published = 0;
        for (String name : SampleStories.names()) {
            String story = SampleStories.json(name);
            String id = json.readTree(story).get("id").asText();
            if (alreadyInFeed(id)) {
                continue;
            }
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(ingestUrl.resolve("/articles"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(story)).build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 202) {
                throw new IOException("sample " + name + " was refused: HTTP " + response.statusCode() + " " + response.body());
            }
            published++;
        }
        return published;
    }

    private boolean alreadyInFeed(String id) throws IOException, InterruptedException {
        URI article = feedUrl.resolve("/articles/" + URLEncoder.encode(id, StandardCharsets.UTF_8));
        return http.send(HttpRequest.newBuilder(article).GET().build(), HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
    }
}
