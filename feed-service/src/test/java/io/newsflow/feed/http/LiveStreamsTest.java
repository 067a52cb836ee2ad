package io.newsflow.feed.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.Javalin;
import io.newsflow.feed.live.LiveFeed;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.ServerConnector;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@link LiveStreams} on a real Jetty with small socket buffers, so that a client that does not keep up makes the
 * non-blocking writes wait for it.
 */
class LiveStreamsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration STALL_TIMEOUT = Duration.ofSeconds(3);

    private final LiveFeed live = new LiveFeed();
    private LiveStreams streams;
    private Javalin app;
    private ServerConnector connector;

    @BeforeEach
    void start() {
        streams = new LiveStreams(live, LiveStreamsTest::json, 100, Duration.ofMillis(200), STALL_TIMEOUT);
        app = Javalin.create(config -> {
            config.startup.showJavalinBanner = false;
            config.jetty.addConnector((server, http) -> {
                connector = new ServerConnector(server, new HttpConnectionFactory(http));
                connector.setHost("127.0.0.1");
                connector.setPort(0);
                connector.setAcceptedSendBufferSize(8192);
                return connector;
            });
            config.routes.get("/stream", ctx -> {
                assertThat(streams.tryReserve()).isTrue();
                streams.start(ctx, story -> true, null);
            });
        });
        app.start("127.0.0.1", 0);
    }

    @AfterEach
    void stop() {
        streams.close();
        app.stop();
    }

    @Test
    void aBurstToAClientThatWasNotReadingArrivesWholeOnceItReads() throws IOException {
        // Frames of several sizes, so that the last one ends at different places in Jetty's output buffer
        for (int trial = 0; trial < 24; trial++) {
            int frameSize = 2_000 + trial * 397;
            try (Socket client = new Socket()) {
                client.setReceiveBufferSize(2048);
                client.connect(new InetSocketAddress("127.0.0.1", connector.getLocalPort()));
                client.getOutputStream().write("GET /stream HTTP/1.0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                InputStream in = client.getInputStream();
                StringBuilder received = new StringBuilder();
                client.setSoTimeout(5_000);
                readUntil(in, received, ": connected\n\n");

                // Given a burst the client does not read while it is sent
                String lastId = null;
                for (int i = 0; i < 60; i++) {
                    lastId = "t" + trial + "-e" + i;
                    live.removed(lastId, "x".repeat(frameSize) + "-" + lastId);
                }

                // Then, reading it, the client gets every frame whole, the last one included, with nothing more sent
                client.setSoTimeout(3_000);
                String last = "-" + lastId + "\"}\n\n";
                assertThat(readUntil(in, received, last)).as("trial %d (frames of %d chars): the last frame arrived whole", trial, frameSize)
                    .isTrue();
            }
        }
    }

    @Test
    void aClientThatStopsReadingIsLetGoOnceItHasTakenNothingForTheStallTimeout() throws IOException {
        try (Socket client = new Socket()) {
            // Given a client that reads up to the start of its stream and then nothing more
            client.setReceiveBufferSize(2048);
            client.connect(new InetSocketAddress("127.0.0.1", connector.getLocalPort()));
            client.getOutputStream().write("GET /stream HTTP/1.0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            client.setSoTimeout(5_000);
            assertThat(readUntil(client.getInputStream(), new StringBuilder(), ": connected\n\n")).isTrue();

            // When more events come than the connection can hold (for different stories: a story's newer event
            // replaces its waiting one)
            for (int i = 0; i < 60; i++) {
                live.removed("stalled-" + i, "x".repeat(10_000) + "-" + i);
            }

            // Then the stream is ended and its place given back once nothing went out for the stall timeout
            assertThat(streams.count()).isEqualTo(1);
            await().atMost(STALL_TIMEOUT.multipliedBy(3)).until(() -> streams.count() == 0);
        }
    }

    /** Reads until {@code marker} has arrived; false if the server sends nothing more for the socket's timeout. */
    private static boolean readUntil(InputStream in, StringBuilder received, String marker) throws IOException {
        byte[] buffer = new byte[1024];
        int searchFrom = 0;
        while (received.indexOf(marker, searchFrom) < 0) {
            searchFrom = Math.max(0, received.length() - marker.length());
            int read;
            try {
                read = in.read(buffer);
            } catch (SocketTimeoutException e) {
                return false;
            }
            if (read < 0) {
                return false;
            }
            received.append(new String(buffer, 0, read, StandardCharsets.US_ASCII)); // the stream here is all ASCII
        }
        return true;
    }

    private static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
