package io.newsflow.registry;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.TreeMap;
import java.util.function.Predicate;

import io.newsflow.registry.LogRecord.ConfigRecord;
import io.newsflow.registry.LogRecord.DeleteSubjectRecord;
import io.newsflow.registry.LogRecord.SchemaRecord;

/**
 * Everything the registry knows, rebuilt by applying the topic's records in order. It is a pure function of
 * the log: it never changes except through {@link #apply}, which only the log reader calls.
 *
 * <p>All methods are synchronized, so a reader always sees the state between two whole batches of records.
 */
final class RegistryState {

    /** subject → version number → version, including soft-deleted versions. */
    private final Map<String, NavigableMap<Integer, SchemaVersion>> subjects = new TreeMap<>();
    private final Map<String, CompatibilityLevel> subjectLevels = new HashMap<>();
    private CompatibilityLevel globalLevel;
    /** Highest id ever seen; never goes down, so ids are not reused while this process runs. */
    private int maxId;

    synchronized void apply(Collection<LogRecord> records) {
        records.forEach(this::applyOne);
    }

    private void applyOne(LogRecord record) {
        if (record instanceof SchemaRecord schema) {
            if (schema.value() == null) {
                removeVersion(schema.subject(), schema.version());
            } else {
                subjects.computeIfAbsent(schema.subject(), s -> new TreeMap<>()).put(schema.version(), schema.value());
                maxId = Math.max(maxId, schema.value().id());
            }
        } else if (record instanceof ConfigRecord config) {
            if (config.subject() == null) {
                globalLevel = config.level();
            } else if (config.level() == null) {
                subjectLevels.remove(config.subject());
            } else {
                subjectLevels.put(config.subject(), config.level());
            }
        } else if (record instanceof DeleteSubjectRecord delete) {
            NavigableMap<Integer, SchemaVersion> versions = subjects.get(delete.subject());
            if (versions != null) {
                versions.headMap(delete.version(), true).replaceAll((number, version) -> version.markDeleted());
            }
        }
    }

    private void removeVersion(String subject, int version) {
        NavigableMap<Integer, SchemaVersion> versions = subjects.get(subject);
        if (versions != null) {
            versions.remove(version);
            if (versions.isEmpty()) {
                subjects.remove(subject);
            }
        }
    }

    /** Subjects that have at least one version matching the filter. */
    synchronized List<String> subjects(boolean includeDeleted) {
        return subjects.entrySet().stream()
            .filter(entry -> entry.getValue().values().stream().anyMatch(visible(includeDeleted)))
            .map(Map.Entry::getKey)
            .toList();
    }

    /** The subject's versions, oldest first. */
    synchronized List<SchemaVersion> versions(String subject, boolean includeDeleted) {
        return subjects.getOrDefault(subject, new TreeMap<>()).values().stream()
            .filter(visible(includeDeleted))
            .toList();
    }

    /** Whether the subject has any version at all, soft-deleted ones included. */
    synchronized boolean hasAnyVersion(String subject) {
        return subjects.containsKey(subject);
    }

    synchronized Optional<SchemaVersion> version(String subject, int version) {
        return Optional.ofNullable(subjects.getOrDefault(subject, new TreeMap<>()).get(version));
    }

    /** Highest version number the subject ever had among the versions still in the log. */
    synchronized int highestVersion(String subject) {
        NavigableMap<Integer, SchemaVersion> versions = subjects.get(subject);
        return versions == null ? 0 : versions.lastKey();
    }

    /** All versions (of any subject) registered with this id. */
    synchronized List<SchemaVersion> versionsWithId(int id, boolean includeDeleted) {
        return all().stream().filter(v -> v.id() == id).filter(visible(includeDeleted)).toList();
    }

    /** The id already given to this exact schema under any subject, if any. */
    synchronized OptionalInt idOf(String schema, List<SchemaReference> references) {
        return all().stream()
            .filter(v -> v.sameSchemaAs(schema, references))
            .mapToInt(SchemaVersion::id)
            .findFirst();
    }

    /** Live versions whose schema imports the given subject version. */
    synchronized List<SchemaVersion> referencing(String subject, int version) {
        return all().stream()
            .filter(visible(false))
            .filter(v -> v.references().stream().anyMatch(r -> r.subject().equals(subject) && r.version() == version))
            .toList();
    }

    synchronized int maxId() {
        return maxId;
    }

    /** The global level written to the log, if it was ever changed from the configured default. */
    synchronized Optional<CompatibilityLevel> globalLevel() {
        return Optional.ofNullable(globalLevel);
    }

    synchronized Optional<CompatibilityLevel> subjectLevel(String subject) {
        return Optional.ofNullable(subjectLevels.get(subject));
    }

    private List<SchemaVersion> all() {
        List<SchemaVersion> all = new ArrayList<>();
        subjects.values().forEach(versions -> all.addAll(versions.values()));
        return all;
    }

    private static Predicate<SchemaVersion> visible(boolean includeDeleted) {
        return version -> includeDeleted || !version.deleted();
    }
}
