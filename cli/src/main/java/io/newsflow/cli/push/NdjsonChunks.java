package io.newsflow.cli.push;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Cuts an NDJSON file into the chunks sent to {@code POST /articles:batch}: at most {@code maxLines} lines and,
 * unless one line alone is bigger, at most {@code maxBytes} bytes each, so a chunk stays under the server's
 * request size limit. Lines are passed on as bytes, unchanged but for a trailing {@code \r}; ingest-service
 * checks the UTF-8. Blank lines at the end of the file are not sent; a blank line between stories is, and
 * the server refuses it by its line number.
 */
public final class NdjsonChunks {

    /** ingest-service's answer is one line per input line; this keeps each request and its answer small. */
    public static final int MAX_LINES = 1_000;
    /** Under the default {@code http.max.request.bytes} of 1 MiB. */
    public static final long MAX_BYTES = 1_000_000;

    private NdjsonChunks() {
    }

    /** Consecutive lines of one file, starting at line {@code firstLine} (from 1). */
    public record Chunk(int firstLine, List<byte[]> lines) {

        public Chunk {
            lines = List.copyOf(lines);
        }

        public int size() {
            return lines.size();
        }

        public int lastLine() {
            return firstLine + lines.size() - 1;
        }

        /** The request body: each line followed by a newline. */
        public byte[] body() {
            ByteArrayOutputStream body = new ByteArrayOutputStream();
            for (byte[] line : lines) {
                body.writeBytes(line);
                body.write('\n');
            }
            return body.toByteArray();
        }

        /** The first and second half, for retrying a chunk the server found too large. */
        public List<Chunk> halves() {
            int middle = lines.size() / 2;
            return List.of(new Chunk(firstLine, lines.subList(0, middle)), new Chunk(firstLine + middle, lines.subList(middle, lines.size())));
        }
    }

    /** Receives chunks as they are cut. */
    @FunctionalInterface
    public interface ChunkConsumer {
        void accept(Chunk chunk) throws IOException, InterruptedException;
    }

    /** The number of lines up to and including the last non-blank one. */
    public static int countLines(Path file) throws PushPlan.PlanException {
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file))) {
            int lines = 0;
            int lastNonBlank = 0;
            for (byte[] line = readLine(in); line != null; line = readLine(in)) {
                lines++;
                if (!blank(line)) {
                    lastNonBlank = lines;
                }
            }
            return lastNonBlank;
        } catch (IOException e) {
            throw new PushPlan.PlanException("Could not read " + file + ": " + e.getMessage());
        }
    }

    /** Cuts the first {@code lineCount} lines of a file into chunks, in order. */
    public static void forEach(Path file, int lineCount, int maxLines, long maxBytes, ChunkConsumer consumer)
        throws IOException, InterruptedException {
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file))) {
            List<byte[]> pending = new ArrayList<>();
            long pendingBytes = 0;
            int firstLine = 1;
            for (int number = 1; number <= lineCount; number++) {
                byte[] line = readLine(in);
                if (line == null) {
                    break;
                }
                if (!pending.isEmpty() && (pending.size() >= maxLines || pendingBytes + line.length + 1 > maxBytes)) {
                    consumer.accept(new Chunk(firstLine, pending));
                    firstLine += pending.size();
                    pending.clear();
                    pendingBytes = 0;
                }
                pending.add(line);
                pendingBytes += line.length + 1;
            }
            if (!pending.isEmpty()) {
                consumer.accept(new Chunk(firstLine, pending));
            }
        }
    }

    /** The next line without its {@code \n} (and {@code \r}), or null at the end of the stream. */
    static byte[] readLine(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int b = in.read();
        if (b < 0) {
            return null;
        }
        while (b >= 0 && b != '\n') {
            line.write(b);
            b = in.read();
        }
        byte[] bytes = line.toByteArray();
        if (bytes.length > 0 && bytes[bytes.length - 1] == '\r') {
            return java.util.Arrays.copyOf(bytes, bytes.length - 1);
        }
        return bytes;
    }

    static boolean blank(byte[] line) {
        for (byte b : line) {
            if (b != ' ' && b != '\t' && b != '\r') {
                return false;
            }
        }
        return true;
    }
}
