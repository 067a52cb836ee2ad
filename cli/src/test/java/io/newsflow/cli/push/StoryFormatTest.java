package io.newsflow.cli.push;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;

import io.newsflow.cli.push.StoryFormat.Choice;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class StoryFormatTest {

    private static final byte[] NATIVE = """
        {"id": "s-1", "source": "desk", "language": "en", "headline": "H", "body": "B", "publishedAt": "2024-10-21T17:56:00+03:00"}
        """.getBytes(UTF_8);

    @ParameterizedTest
    @CsvSource({
        "story.json, JSON", "STORY.JSON, JSON", "lines.ndjson, NDJSON", "lines.jsonl, NDJSON", "Lines.NDJSON, NDJSON",
        "page.txt, PAGE"})
    void tellsTheFormatFromTheFileName(String name, StoryFormat expected) {
        // Given a file name with a known extension
        // When its format is looked up by name
        Optional<StoryFormat> format = StoryFormat.ofFileName(name);

        // Then the extension decides
        assertThat(format).contains(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {"notes.md", "story.json.bak", "README", "data.csv"})
    void knowsNoFormatForOtherNames(String name) {
        // Given a file name with another extension
        // When it is detected under --format auto
        // Then nothing tells how to send it
        assertThat(StoryFormat.ofFileName(name)).isEmpty();
        assertThat(StoryFormat.detect(name, Choice.AUTO, NATIVE)).isEmpty();
    }

    @Test
    void sendsNativeJsonAsApplicationJson() {
        // Given a native Newsflow story in a .json file
        // When its format is detected
        Optional<StoryFormat> format = StoryFormat.detect("story.json", Choice.AUTO, NATIVE);

        // Then it goes as application/json
        assertThat(format).contains(StoryFormat.JSON);
        assertThat(format.get().contentType()).isEqualTo("application/json");
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "{\"uri\": \"urn:x:1\", \"headlines\": [{\"value\": \"H\"}]}",
        "{\"$schema\": \"http://www.iptc.org/std/ninjs/ninjs-schema_2.1.json\", \"uri\": \"urn:x:1\"}",
        "{\"standard\": {\"name\": \"ninjs\", \"version\": \"3.0\"}, \"uri\": \"urn:x:1\"}",
        "{\"$standard\": {\"name\": \"ninjs\", \"version\": \"3.0\", \"schema\": \"https://iptc.org/std/ninjs/ninjs-schema_3.0.json\"}}",
        "{\"standard\": {\"schema\": \"https://www.iptc.org/std/ninjs/ninjs-schema_2.0.json\"}}"})
    void sendsNinjsAsApplicationNinjsJson(String document) {
        // Given a .json file that is a ninjs document by its uri and headlines, $schema or standard
        // When its format is detected
        Optional<StoryFormat> format = StoryFormat.detect("story.json", Choice.AUTO, document.getBytes(UTF_8));

        // Then it goes as application/ninjs+json
        assertThat(format).contains(StoryFormat.NINJS);
        assertThat(format.get().contentType()).isEqualTo("application/ninjs+json");
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "{\"uri\": \"urn:x:1\", \"headline\": \"a uri alone is not ninjs\"}",
        "{\"headlines\": [], \"id\": \"headlines without a uri\"}",
        "{\"$schema\": \"https://example.com/story.schema.json\"}",
        "{\"standard\": \"NITF\"}",
        "not json at all {",
        "[1, 2, 3]",
        ""})
    void sendsAnythingElseAsNativeJsonForTheServerToJudge(String document) {
        // Given a .json file that does not look like ninjs, or is not valid JSON
        // When its format is detected
        StoryFormat format = StoryFormat.detect("story.json", Choice.AUTO, document.getBytes(UTF_8)).orElseThrow();

        // Then it goes as native JSON, so ingest-service explains what is wrong with it
        assertThat(format).isEqualTo(StoryFormat.JSON);
    }

    @Test
    void sendsTextFilesAsRawPages() {
        // Given a .txt file
        // When its format is detected
        Optional<StoryFormat> format = StoryFormat.detect("page.txt", Choice.AUTO, "Site\nHeadline".getBytes(UTF_8));

        // Then it goes as a raw page in UTF-8 plain text
        assertThat(format).contains(StoryFormat.PAGE);
        assertThat(format.get().contentType()).isEqualTo("text/plain; charset=utf-8");
    }

    @ParameterizedTest
    @CsvSource({"JSON, JSON", "NINJS, NINJS", "PAGE, PAGE"})
    void anExplicitFormatWinsForSingleStoriesWhateverTheirName(Choice choice, StoryFormat expected) {
        // Given --format json, ninjs or page
        // When files of any name are detected
        // Then the chosen format is used, even where the extension or content says otherwise
        assertThat(StoryFormat.detect("story.json", choice, NATIVE)).contains(expected);
        assertThat(StoryFormat.detect("page.txt", choice, NATIVE)).contains(expected);
        assertThat(StoryFormat.detect("story.dat", choice, NATIVE)).contains(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {"AUTO", "JSON", "NINJS", "PAGE"})
    void ndjsonFilesAreAlwaysBatches(Choice choice) {
        // Given an NDJSON file, under any --format
        // When its format is detected
        Optional<StoryFormat> format = StoryFormat.detect("lines.ndjson", choice, NATIVE);

        // Then it goes to the batch endpoint as application/x-ndjson
        assertThat(format).contains(StoryFormat.NDJSON);
        assertThat(format.get().isBatch()).isTrue();
        assertThat(format.get().contentType()).isEqualTo("application/x-ndjson");
    }
}
