package io.newsflow.registry;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import io.newsflow.registry.LogRecord.ConfigRecord;
import io.newsflow.registry.LogRecord.DeleteSubjectRecord;
import io.newsflow.registry.LogRecord.SchemaRecord;
import org.junit.jupiter.api.Test;

/** Replaying log records, including after they went through the JSON codec, rebuilds the expected state. */
class RegistryStateTest {

    private final RegistryState state = new RegistryState();

    @Test
    void schemaRecordsBuildSubjectsVersionsAndTheIdHighWaterMark() {
        replay(
            SchemaRecord.of(version("a", 1, 1, "\"string\"")),
            SchemaRecord.of(version("a", 2, 2, "\"long\"")),
            SchemaRecord.of(version("b", 1, 1, "\"string\"")));

        assertThat(state.subjects(false)).containsExactly("a", "b");
        assertThat(state.versions("a", false)).extracting(SchemaVersion::id).containsExactly(1, 2);
        assertThat(state.idOf("\"long\"", List.of())).hasValue(2);
        assertThat(state.versionsWithId(1, false)).extracting(SchemaVersion::subject).containsExactly("a", "b");
        assertThat(state.maxId()).isEqualTo(2);
    }

    @Test
    void deletesHideThenEraseVersionsWithoutLoweringTheMaxId() {
        replay(
            SchemaRecord.of(version("a", 1, 7, "\"string\"")),
            SchemaRecord.of(version("a", 2, 9, "\"long\"")),
            new DeleteSubjectRecord("a", 2));

        assertThat(state.subjects(false)).isEmpty();
        assertThat(state.subjects(true)).containsExactly("a");
        assertThat(state.versionsWithId(9, true)).hasSize(1);

        replay(SchemaRecord.tombstone("a", 1), SchemaRecord.tombstone("a", 2));

        assertThat(state.hasAnyVersion("a")).isFalse();
        assertThat(state.versionsWithId(9, true)).isEmpty();
        assertThat(state.maxId()).isEqualTo(9);
    }

    @Test
    void configRecordsSetAndClearLevels() {
        replay(new ConfigRecord(null, CompatibilityLevel.FULL), new ConfigRecord("a", CompatibilityLevel.NONE));

        assertThat(state.globalLevel()).hasValue(CompatibilityLevel.FULL);
        assertThat(state.subjectLevel("a")).hasValue(CompatibilityLevel.NONE);

        replay(new ConfigRecord(null, null), new ConfigRecord("a", null));

        assertThat(state.globalLevel()).isEmpty();
        assertThat(state.subjectLevel("a")).isEmpty();
    }

    @Test
    void keysUseConfluentShapesAndAreStableBytes() {
        SchemaVersion version = new SchemaVersion("s", 3, 5, "\"int\"",
            List.of(new SchemaReference("x.Y", "y", 1)), false);

        assertThat(new String(LogCodec.key(SchemaRecord.of(version))))
            .isEqualTo("{\"keytype\":\"SCHEMA\",\"subject\":\"s\",\"version\":3,\"magic\":1}");
        assertThat(new String(LogCodec.key(new ConfigRecord(null, CompatibilityLevel.FULL))))
            .isEqualTo("{\"keytype\":\"CONFIG\",\"subject\":null,\"magic\":0}");
        assertThat(new String(LogCodec.key(new DeleteSubjectRecord("s", 3))))
            .isEqualTo("{\"keytype\":\"DELETE_SUBJECT\",\"subject\":\"s\",\"magic\":0}");
        assertThat(LogCodec.value(SchemaRecord.tombstone("s", 3))).isNull();
        assertThat(LogCodec.decode(LogCodec.key(SchemaRecord.of(version)), LogCodec.value(SchemaRecord.of(version))))
            .contains(SchemaRecord.of(version));
    }

    @Test
    void unknownKeyTypesAreSkipped() {
        assertThat(LogCodec.decode("{\"keytype\":\"NOOP\",\"magic\":0}".getBytes(), null)).isEmpty();
    }

    /** Applies the records as the log reader would: encoded, then decoded. */
    private void replay(LogRecord... records) {
        for (LogRecord record : records) {
            state.apply(List.of(LogCodec.decode(LogCodec.key(record), LogCodec.value(record)).orElseThrow()));
        }
    }

    private static SchemaVersion version(String subject, int version, int id, String schema) {
        return new SchemaVersion(subject, version, id, schema, List.of(), false);
    }
}
