package io.newsflow.testkit;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Sample stories written for Newsflow, in ingest-service's JSON format, used by the dev stack and the
 * end-to-end tests. {@link #NORTH_KOREAN_TROOPS} is the story every entity-linking test checks in full.
 */
public final class SampleStories {

    public static final String NORTH_KOREAN_TROOPS = "north-korean-troops.json";
    public static final String AUSTIN_TEXAS_TRANSIT = "austin-council-transit.json";

    private static final String FOLDER = "/newsflow/samples/";

    private SampleStories() {
    }

    /** File names of every sample, in the order the dev stack loads them. */
    public static List<String> names() {
        return read("index.txt").lines().map(String::strip).filter(line -> !line.isEmpty()).toList();
    }

    /** The JSON body of one sample. */
    public static String json(String name) {
        return read(name);
    }

    private static String read(String name) {
        try (InputStream in = SampleStories.class.getResourceAsStream(FOLDER + name)) {
            if (in == null) {
                throw new IllegalArgumentException("No sample story " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
