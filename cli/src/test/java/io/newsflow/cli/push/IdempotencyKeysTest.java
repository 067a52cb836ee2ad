package io.newsflow.cli.push;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class IdempotencyKeysTest {

    @Test
    void namesASingleStoryByPrefixAndRelativePath() {
        // Given a prefix and a file found in a sub-folder of the pushed folder
        String relative = IdempotencyKeys.relativePath(Path.of("stories"), Path.of("stories", "2024", "kursk.json"));

        // When its key is named
        String key = IdempotencyKeys.forStory("import-7", relative);

        // Then it is <prefix>:<relative path>, with / between folders
        assertThat(relative).isEqualTo("2024/kursk.json");
        assertThat(key).isEqualTo("import-7:2024/kursk.json");
    }

    @Test
    void namesTheFirstNdjsonChunkSoTheServerFilesEachLineUnderItsLineInTheFile() {
        // Given the chunk that starts at the first line of an NDJSON file
        String chunkKey = IdempotencyKeys.forChunk("import-7", "wire/batch.ndjson", 1);

        // When the server names its line 2
        // Then the line's key is <prefix>:<relative path>#2
        assertThat(chunkKey).isEqualTo("import-7:wire/batch.ndjson");
        assertThat(IdempotencyKeys.forLine(chunkKey, 2)).isEqualTo("import-7:wire/batch.ndjson#2");
    }

    @Test
    void namesALaterChunkByItsFirstLineSoNoTwoChunksShareALineKey() {
        // Given the chunk that starts at line 1001
        String chunkKey = IdempotencyKeys.forChunk("import-7", "batch.ndjson", 1001);

        // Then its key carries @1001, and its first line's key differs from line 1 of the first chunk
        assertThat(chunkKey).isEqualTo("import-7:batch.ndjson@1001");
        assertThat(IdempotencyKeys.forLine(chunkKey, 1)).isNotEqualTo(IdempotencyKeys.forLine(IdempotencyKeys.forChunk("import-7", "batch.ndjson", 1), 1));
    }

    @Test
    void percentEncodesWhatTheServerDoesNotAcceptInAKey() {
        // Given a path with spaces, non-ASCII letters and a percent sign
        // When its key is named
        String key = IdempotencyKeys.forStory("p", "Київ news/100% ready.json");

        // Then only visible ASCII remains, each other byte of UTF-8 percent-encoded
        assertThat(key).isEqualTo("p:%D0%9A%D0%B8%D1%97%D0%B2%20news/100%25%20ready.json");
        assertThat(key.chars()).allMatch(c -> c > 0x20 && c < 0x7f);
    }

    @Test
    void replacesAPathTooLongForTheServerByItsHash() {
        // Given a path that would make a key longer than 255 characters
        String deep = "very-long-folder-name/".repeat(20) + "story.json";

        // When keys are named for it, as a story and as a chunk
        String story = IdempotencyKeys.forStory("p", deep);
        String chunk = IdempotencyKeys.forChunk("p", deep, 1);

        // Then they fit, stay stable, and differ from a neighbour's
        assertThat(story).startsWith("p:sha256:").hasSize("p:sha256:".length() + 32);
        assertThat(IdempotencyKeys.forLine(chunk, 10_000)).hasSizeLessThanOrEqualTo(255);
        assertThat(IdempotencyKeys.forStory("p", deep)).isEqualTo(story);
        assertThat(IdempotencyKeys.forStory("p", deep + "x")).isNotEqualTo(story);
    }

    @Test
    void keepsAPathThatJustFits() {
        // Given a path that leaves the key exactly 255 characters long
        String path = "a".repeat(255 - "p:".length());

        // Then it is kept as it is
        assertThat(IdempotencyKeys.forStory("p", path)).isEqualTo("p:" + path).hasSize(255);
    }

    @ParameterizedTest
    @ValueSource(strings = {"import-2024-10-21", "desk/wire:run#3", "x"})
    void acceptsVisibleAsciiPrefixes(String prefix) {
        assertThat(IdempotencyKeys.problemWithPrefix(prefix)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "has space", "tab\there", "кирилиця"})
    void refusesPrefixesTheServerWouldRefuse(String prefix) {
        assertThat(IdempotencyKeys.problemWithPrefix(prefix)).isPresent();
    }

    @Test
    void refusesAPrefixThatLeavesNoRoomForThePath() {
        assertThat(IdempotencyKeys.problemWithPrefix("p".repeat(IdempotencyKeys.MAX_PREFIX_LENGTH))).isEmpty();
        assertThat(IdempotencyKeys.problemWithPrefix("p".repeat(IdempotencyKeys.MAX_PREFIX_LENGTH + 1))).isPresent();
    }
}
