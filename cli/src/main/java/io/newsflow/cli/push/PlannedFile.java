package io.newsflow.cli.push;

import java.nio.file.Path;

/**
 * One file a push will send.
 *
 * @param index   its position in the push, from 0
 * @param display the path as found (relative when the pushed path was), for messages
 * @param keyPath the path its Idempotency-Key names: relative to the pushed folder, or the file's name
 * @param stories 1, or the lines of an NDJSON file up to its last non-blank one
 */
public record PlannedFile(int index, Path path, String display, String keyPath, StoryFormat format, int stories) {
}
