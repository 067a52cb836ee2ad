package io.newsflow.linking;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** The linker's hand-written list files: one entry per line, blank lines skipped, '#' starts a comment line. */
final class ResourceLines {

    private ResourceLines() {}

    /** The stripped, non-blank, non-comment lines of a classpath resource; fails loudly when it is missing. */
    static List<String> read(String resource) {
        try (InputStream in = ResourceLines.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing classpath resource " + resource);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
                    .map(String::strip)
                    .filter(l -> !l.isEmpty() && !l.startsWith("#"))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
