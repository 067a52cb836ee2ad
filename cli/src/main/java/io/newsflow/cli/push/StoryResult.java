package io.newsflow.cli.push;

import java.util.Objects;

/**
 * What became of one story: accepted (a 202 with its receipt; a replay of an earlier push is a 202 too) or
 * failed with the HTTP status and the problem's detail. Status 0 means no answer was had for it (the file
 * could not be read, or the request failed on the way).
 *
 * @param file      the file as it was found (relative if the pushed path was)
 * @param line      the line in an NDJSON file, from 1; 0 for a single-story file
 * @param fileIndex the file's position in the push, for ordering the report
 */
public record StoryResult(String file, int line, int fileIndex, int status, Receipt receipt, String title, String detail) {

    public StoryResult {
        Objects.requireNonNull(file, "file");
    }

    public static StoryResult accepted(String file, int line, int fileIndex, Receipt receipt) {
        return new StoryResult(file, line, fileIndex, 202, Objects.requireNonNull(receipt, "receipt"), null, null);
    }

    public static StoryResult failed(String file, int line, int fileIndex, int status, String title, String detail) {
        return new StoryResult(file, line, fileIndex, status, null, title, detail);
    }

    public boolean isAccepted() {
        return status == 202 && receipt != null;
    }

    /** {@code file} or {@code file:line}. */
    public String where() {
        return line > 0 ? file + ":" + line : file;
    }
}
