package io.newsflow.cli.push;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NdjsonChunksTest {

    @TempDir
    Path dir;

    @Test
    void countsLinesUpToTheLastNonBlankOneAndDropsCarriageReturns() throws Exception {
        // Given an NDJSON file with CRLF endings, a blank line inside and blank lines at the end
        Path file = Files.writeString(dir.resolve("a.ndjson"), "{\"n\":1}\r\n\r\n{\"n\":3}\r\n\n  \n");

        // When it is counted and cut
        int lines = NdjsonChunks.countLines(file);
        List<NdjsonChunks.Chunk> chunks = chunks(file, lines, 1000, 1_000_000);

        // Then the inner blank line is kept for the server to refuse by number; the trailing ones are not sent
        assertThat(lines).isEqualTo(3);
        assertThat(chunks).hasSize(1);
        assertThat(new String(chunks.get(0).body(), UTF_8)).isEqualTo("{\"n\":1}\n\n{\"n\":3}\n");
    }

    @Test
    void cutsByLineCountAndBySizeKeepingFileLineNumbers() throws Exception {
        // Given 7 lines of 9 bytes
        StringBuilder text = new StringBuilder();
        for (int i = 1; i <= 7; i++) {
            text.append("{\"n\":").append(i).append("}  \n");
        }
        Path file = Files.writeString(dir.resolve("b.ndjson"), text);

        // When cut in chunks of at most 3 lines, then of at most 20 bytes
        List<NdjsonChunks.Chunk> byLines = chunks(file, 7, 3, 1_000_000);
        List<NdjsonChunks.Chunk> byBytes = chunks(file, 7, 1000, 20);

        // Then each chunk knows the file line it starts at
        assertThat(byLines).extracting(NdjsonChunks.Chunk::firstLine).containsExactly(1, 4, 7);
        assertThat(byLines).extracting(NdjsonChunks.Chunk::size).containsExactly(3, 3, 1);
        assertThat(byBytes).extracting(NdjsonChunks.Chunk::firstLine).containsExactly(1, 3, 5, 7);
        assertThat(byBytes.get(1).halves()).extracting(NdjsonChunks.Chunk::firstLine).containsExactly(3, 4);
    }

    private static List<NdjsonChunks.Chunk> chunks(Path file, int lines, int maxLines, long maxBytes) throws Exception {
        List<NdjsonChunks.Chunk> chunks = new ArrayList<>();
        NdjsonChunks.forEach(file, lines, maxLines, maxBytes, chunks::add);
        return chunks;
    }
}
