package io.newsflow.feed.cluster;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

import io.newsflow.feed.store.FeedStores;
import io.newsflow.platform.http.Json;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyQueryMetadata;
import org.apache.kafka.streams.StreamsMetadata;
import org.apache.kafka.streams.state.HostInfo;

/**
 * What this feed-service instance knows about its peers: which instance holds which partitions of the feed
 * stores (from Kafka Streams metadata, fed by every instance's {@code application.server}), who owns one
 * story, and how to ask a peer. A query that cannot be answered completely, because partitions are moving
 * or a peer does not answer, raises {@link IncompleteClusterException}: the caller answers 503, never a
 * partial page.
 */
public final class FeedCluster {

    /** Marks a request one instance sent to another, so it is answered locally and never forwarded again. */
    public static final String FORWARDED_HEADER = "X-Newsflow-Forwarded";

    private final Supplier<KafkaStreams> streams;
    private final LongSupplier generation;
    private final HostInfo self;
    private final int partitions;
    private final Duration peerTimeout;
    private volatile Hosts known;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).version(HttpClient.Version.HTTP_1_1).build();

    /** The instances holding feed partitions, as of one generation of the local Kafka Streams client. */
    private record Hosts(List<HostInfo> hosts, long generation) {
    }

    /**
     * @param generation advances whenever the local Kafka Streams client changes state, which every rebalance
     *     (and so every change of who holds which partition) makes it do
     * @param peerTimeout how long a peer may take to answer; longer than any wait a peer itself may do (a
     *     forwarded {@code ?minVersion=N} waits up to the read-your-writes bound before it answers)
     */
    public FeedCluster(Supplier<KafkaStreams> streams, LongSupplier generation, HostInfo self, int partitions, Duration peerTimeout) {
        this.streams = streams;
        this.generation = generation;
        this.self = self;
        this.partitions = partitions;
        this.peerTimeout = peerTimeout;
    }

    public HostInfo self() {
        return self;
    }

    /**
     * Every instance holding active feed partitions; all partitions must be covered. Read from Kafka Streams once
     * per generation: its metadata lookup is synchronized, and every feed request asks.
     */
    public List<HostInfo> hosts() {
        long now = generation.getAsLong();
        Hosts cached = known;
        if (cached != null && cached.generation() == now) {
            return cached.hosts();
        }
        List<HostInfo> hosts = currentHosts();
        known = new Hosts(hosts, now);
        return hosts;
    }

    private List<HostInfo> currentHosts() {
        Set<Integer> covered = new TreeSet<>();
        List<StreamsMetadata> metadata = List.copyOf(streams.get().streamsMetadataForStore(FeedStores.TIMELINE));
        metadata.forEach(m -> m.topicPartitions().forEach(tp -> covered.add(tp.partition())));
        if (covered.size() < partitions) {
            throw new IncompleteClusterException("only " + covered.size() + " of " + partitions + " feed partitions are assigned");
        }
        return metadata.stream().map(StreamsMetadata::hostInfo).toList();
    }

    /** The instance holding the story's partition. */
    public HostInfo ownerOf(String storyId) {
        KeyQueryMetadata metadata = streams.get().queryMetadataForKey(FeedStores.ARTICLES, storyId, Serdes.String().serializer());
        if (metadata == null || metadata == KeyQueryMetadata.NOT_AVAILABLE || metadata.activeHost() == null) {
            throw new IncompleteClusterException("the owner of story " + storyId + " is not known yet");
        }
        return metadata.activeHost();
    }

    public boolean isSelf(HostInfo host) {
        return self.equals(host);
    }

    /** GETs {@code pathAndQuery} from a peer, passing the Accept header through. */
    public HttpResponse<String> get(HostInfo host, String pathAndQuery, String accept) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://" + host.host() + ":" + host.port() + pathAndQuery))
            .timeout(peerTimeout)
            .header(FORWARDED_HEADER, self.host() + ":" + self.port())
            .GET();
        if (accept != null) {
            request.header("Accept", accept);
        }
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() == 503) {
                // Keep the peer's own reason: it may be restoring, or still waiting for a ?minVersion that did not come.
                throw new IncompleteClusterException("instance " + host + " answered 503" + problemDetail(response.body()));
            }
            return response;
        } catch (IOException e) {
            throw new IncompleteClusterException("instance " + host + " did not answer: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IncompleteClusterException("interrupted");
        }
    }

    /** ": " and the {@code detail} of an RFC 9457 problem body, or nothing when the body is not one. */
    private static String problemDetail(String body) {
        try {
            String detail = Json.mapper().readTree(body).path("detail").asText("");
            return detail.isEmpty() ? "" : ": " + detail;
        } catch (IOException e) {
            return "";
        }
    }

    /** The cluster cannot answer completely right now. */
    public static final class IncompleteClusterException extends RuntimeException {
        public IncompleteClusterException(String message) {
            super(message);
        }
    }
}
