package io.newsflow.registry;

/**
 * One record of the registry's compacted topic. The key decides what survives compaction: the latest
 * record per key is the truth.
 */
sealed interface LogRecord {

    /** Key {@code {"keytype":"SCHEMA","subject":s,"version":v,"magic":1}}; a null value is a hard delete. */
    record SchemaRecord(String subject, int version, SchemaVersion value) implements LogRecord {
        static SchemaRecord of(SchemaVersion value) {
            return new SchemaRecord(value.subject(), value.version(), value);
        }

        static SchemaRecord tombstone(String subject, int version) {
            return new SchemaRecord(subject, version, null);
        }
    }

    /** Key {@code {"keytype":"CONFIG","subject":s|null,"magic":0}}; null subject = global, null level = removed. */
    record ConfigRecord(String subject, CompatibilityLevel level) implements LogRecord {
    }

    /** Key {@code {"keytype":"DELETE_SUBJECT","subject":s,"magic":0}}: every version up to {@code version} is soft-deleted. */
    record DeleteSubjectRecord(String subject, int version) implements LogRecord {
    }
}
