package io.newsflow.schemas;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaCompatibility.SchemaCompatibilityType;
import org.apache.avro.SchemaNormalization;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/**
 * Every schema kept under {@code schemas/history/<Record>/vN.avsc} is a version that was once live on a
 * topic. The current schema must read data written with each of them (BACKWARD_TRANSITIVE), and the
 * newest kept version must be the current schema, so a change cannot ship without being recorded.
 */
class SchemaEvolutionTest {

    private static final Path HISTORY = Path.of("history");

    static Stream<Schema> currentSchemas() {
        return Stream.of(ArticlePublished.getClassSchema(), ArticleEnriched.getClassSchema(), StoryLedgerEntry.getClassSchema(),
            StoryHistory.getClassSchema(), ApiKeyRecord.getClassSchema(), DictionaryEdit.getClassSchema());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("currentSchemas")
    void currentSchemaReadsEveryEarlierVersion(Schema current) throws IOException {
        List<Path> versions = keptVersions(current);
        assertThat(versions).as("kept versions of %s", current.getName()).isNotEmpty();
        for (Path version : versions) {
            Schema writer = parse(version);
            var result = SchemaCompatibility.checkReaderWriterCompatibility(current, writer);
            assertThat(result.getType())
                .as("%s must read data written with %s: %s", current.getName(), version, result.getDescription())
                .isEqualTo(SchemaCompatibilityType.COMPATIBLE);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("currentSchemas")
    void newestKeptVersionIsTheCurrentSchema(Schema current) throws IOException {
        List<Path> versions = keptVersions(current);
        Schema newest = parse(versions.get(versions.size() - 1));
        // Schema.equals, not the parsing fingerprint: that drops defaults and logical types, whose changes matter too
        // (an enum losing its default, timestamp-millis becoming timestamp-micros).
        assertThat(newest)
            .as("add schemas/history/%s/v%d.avsc when changing the schema", current.getName(), versions.size() + 1)
            .isEqualTo(current);
    }

    @Test
    void aChangedDefaultOrLogicalTypeCountsAsAChangedSchema() {
        Schema current = ArticlePublished.getClassSchema();
        Schema noEnumDefault = new Schema.Parser().parse(current.toString().replace("\"default\":\"usable\"", "\"default\":\"withheld\""));
        Schema micros = new Schema.Parser().parse(current.toString().replace("timestamp-millis", "timestamp-micros"));

        assertThat(noEnumDefault).isNotEqualTo(current);
        assertThat(micros).isNotEqualTo(current);
        assertThat(SchemaNormalization.parsingFingerprint64(micros)).isEqualTo(SchemaNormalization.parsingFingerprint64(current));
    }

    @Test
    void theCheckRejectsABreakingChange() throws IOException {
        // A required field without a default cannot be filled from old data, so this must be caught.
        Schema old = parse(keptVersions(ArticlePublished.getClassSchema()).get(0));
        String json = ArticlePublished.getClassSchema().toString()
            .replace("\"fields\":[", "\"fields\":[{\"name\":\"mandatoryNewField\",\"type\":\"string\"},");
        Schema breaking = new Schema.Parser().parse(json);
        assertThat(SchemaCompatibility.checkReaderWriterCompatibility(breaking, old).getType())
            .isEqualTo(SchemaCompatibilityType.INCOMPATIBLE);
    }

    @Test
    void logicalTypesAndOptionalFieldsFollowConventions() {
        Schema published = ArticlePublished.getClassSchema();
        assertThat(published.getField("publishedAt").schema().getLogicalType().getName()).isEqualTo("timestamp-millis");
        assertThat(published.getField("ingestedAt").schema().getLogicalType().getName()).isEqualTo("timestamp-millis");
        Schema embargo = published.getField("embargoUntil").schema();
        assertThat(embargo.getType()).isEqualTo(Schema.Type.UNION);
        assertThat(embargo.getTypes().get(0).getType()).isEqualTo(Schema.Type.NULL);
        assertThat(embargo.getTypes().get(1).getLogicalType().getName()).isEqualTo("timestamp-millis");
        assertThat(published.getField("embargoUntil").defaultVal()).isEqualTo(org.apache.avro.JsonProperties.NULL_VALUE);
        assertThat(published.getField("pubStatus").schema().getEnumDefault()).isEqualTo("usable");
    }

    private static List<Path> keptVersions(Schema schema) throws IOException {
        Path dir = HISTORY.resolve(schema.getName());
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.getFileName().toString().matches("v\\d+\\.avsc"))
                .sorted(Comparator.comparingInt(SchemaEvolutionTest::versionNumber))
                .toList();
        }
    }

    private static int versionNumber(Path file) {
        String name = file.getFileName().toString();
        return Integer.parseInt(name.substring(1, name.length() - ".avsc".length()));
    }

    private static Schema parse(Path file) throws IOException {
        return new Schema.Parser().parse(Files.readString(file));
    }
}
