package io.newsflow.cli.push;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;

/**
 * Names the {@code Idempotency-Key} of each request so pushing the same files again is safe: ingest-service
 * answers a known key with the first receipt instead of publishing twice.
 *
 * <p>A single story is sent under {@code <prefix>:<relative path>}. An NDJSON file is sent in chunks; the
 * server files line N of a chunk under {@code <chunk key>#N}, so the chunk starting at the file's first line
 * uses {@code <prefix>:<relative path>} (line N is then {@code ...#N}, its line in the file) and a later chunk
 * starting at line S uses {@code <prefix>:<relative path>@S}. Chunking is deterministic, so a re-run sends
 * the same keys.
 *
 * <p>ingest-service takes 1-255 visible ASCII characters. Other characters of the path (spaces, non-ASCII
 * letters) and {@code %} are percent-encoded as UTF-8; a path that would still not fit is replaced by
 * {@code sha256:} and the first 32 hex digits of its hash.
 */
public final class IdempotencyKeys {

    /** The server's limit. */
    static final int MAX_KEY_LENGTH = 255;
    /** Room left for the server's {@code #N} suffix on batch lines (at most 10,000 lines). */
    static final int BATCH_SUFFIX_ROOM = 6;
    /** Prefixes longer than this leave too little room for the path. */
    public static final int MAX_PREFIX_LENGTH = 100;

    private IdempotencyKeys() {
    }

    /** Empty when the prefix is usable, else why not. */
    public static Optional<String> problemWithPrefix(String prefix) {
        if (prefix.isEmpty() || prefix.length() > MAX_PREFIX_LENGTH) {
            return Optional.of("--idempotency-prefix must be 1-" + MAX_PREFIX_LENGTH + " characters");
        }
        if (!prefix.chars().allMatch(IdempotencyKeys::visibleAscii)) {
            return Optional.of("--idempotency-prefix may only hold visible ASCII characters (no spaces)");
        }
        return Optional.empty();
    }

    /** The key of a single-story file. */
    public static String forStory(String prefix, String relativePath) {
        return prefix + ":" + encodedPath(relativePath, MAX_KEY_LENGTH - prefix.length() - 1);
    }

    /** The key of an NDJSON chunk whose first line is line {@code firstLine} (from 1) of its file. */
    public static String forChunk(String prefix, String relativePath, int firstLine) {
        String suffix = firstLine == 1 ? "" : "@" + firstLine;
        int room = MAX_KEY_LENGTH - BATCH_SUFFIX_ROOM - prefix.length() - 1 - suffix.length();
        return prefix + ":" + encodedPath(relativePath, room) + suffix;
    }

    /** The key the server files one line of a chunk under: the chunk's key, {@code #}, the line in the chunk. */
    public static String forLine(String chunkKey, int lineInChunk) {
        return chunkKey + "#" + lineInChunk;
    }

    /** A path as the key names it: relative, with {@code /} between folders on every OS. */
    public static String relativePath(Path root, Path file) {
        Path relative = root.relativize(file);
        StringBuilder text = new StringBuilder();
        for (Path part : relative) {
            if (!text.isEmpty()) {
                text.append('/');
            }
            text.append(part);
        }
        return text.toString();
    }

    static String encodedPath(String path, int room) {
        StringBuilder encoded = new StringBuilder();
        for (byte b : path.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if (visibleAscii(c) && c != '%') {
                encoded.append((char) c);
            } else {
                encoded.append('%').append(HexFormat.of().withUpperCase().toHexDigits((byte) c));
            }
        }
        if (encoded.length() <= room) {
            return encoded.toString();
        }
        return "sha256:" + sha256(path).substring(0, 32);
    }

    private static boolean visibleAscii(int c) {
        return c > 0x20 && c < 0x7f;
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
