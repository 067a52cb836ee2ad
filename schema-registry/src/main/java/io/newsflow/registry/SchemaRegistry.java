package io.newsflow.registry;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

import org.apache.avro.Schema;

import io.newsflow.registry.LogRecord.ConfigRecord;
import io.newsflow.registry.LogRecord.DeleteSubjectRecord;
import io.newsflow.registry.LogRecord.SchemaRecord;

/**
 * The registry's operations, independent of HTTP. Reads are answered from {@link RegistryState}; every write
 * is validated against the current state and then goes through {@link KafkaSchemaLog}, one at a time.
 */
final class SchemaRegistry {

    /** Version id meaning "the newest version" ({@code latest} or {@code -1} in URLs). */
    static final int LATEST = -1;

    private final RegistryState state;
    private final KafkaSchemaLog log;
    private final CompatibilityLevel defaultLevel;
    private final CompatibilityChecker checker = new CompatibilityChecker();
    private final ReentrantLock writeLock = new ReentrantLock();
    /** Parsed form of stored schemas, by id: a given id always denotes the same schema text and references. */
    private final Map<Integer, Schema> parsedById = new ConcurrentHashMap<>();

    SchemaRegistry(RegistryState state, KafkaSchemaLog log, CompatibilityLevel defaultLevel) {
        this.state = state;
        this.log = log;
        this.defaultLevel = defaultLevel;
    }

    /** Parses a version path segment: a positive number, {@code latest} or {@code -1}; otherwise 42202. */
    static int parseVersion(String text) {
        if ("latest".equalsIgnoreCase(text) || "-1".equals(text)) {
            return LATEST;
        }
        try {
            int version = Integer.parseInt(text);
            if (version >= 1) {
                return version;
            }
        } catch (NumberFormatException e) {
            // falls through to the 42202 below
        }
        throw RegistryException.invalidVersion(text);
    }

    // ---------------------------------------------------------------- reads

    List<String> subjects(boolean includeDeleted) {
        return state.subjects(includeDeleted);
    }

    List<Integer> versionNumbers(String subject, boolean includeDeleted) {
        List<SchemaVersion> versions = state.versions(subject, includeDeleted);
        if (versions.isEmpty()) {
            throw RegistryException.subjectNotFound(subject);
        }
        return versions.stream().map(SchemaVersion::version).toList();
    }

    SchemaVersion version(String subject, int version, boolean includeDeleted) {
        List<SchemaVersion> versions = state.versions(subject, includeDeleted);
        if (versions.isEmpty()) {
            throw RegistryException.subjectNotFound(subject);
        }
        if (version == LATEST) {
            return versions.get(versions.size() - 1);
        }
        return versions.stream().filter(v -> v.version() == version).findFirst()
            .orElseThrow(() -> RegistryException.versionNotFound(version));
    }

    /** Any version carrying this id; soft-deleted versions still resolve, as in Confluent. */
    SchemaVersion schemaById(int id) {
        return state.versionsWithId(id, true).stream().findFirst()
            .orElseThrow(() -> RegistryException.schemaIdNotFound(id));
    }

    List<SchemaVersion> versionsWithId(int id, boolean includeDeleted) {
        schemaById(id);
        return state.versionsWithId(id, includeDeleted);
    }

    /** Finds the version of {@code subject} holding this schema (40401 / 40403 if none). */
    SchemaVersion lookup(String subject, SchemaRequest request, boolean includeDeleted) {
        List<SchemaVersion> versions = state.versions(subject, includeDeleted);
        if (versions.isEmpty()) {
            throw RegistryException.subjectNotFound(subject);
        }
        AvroSchemas.Parsed parsed = parse(request);
        SchemaVersion found = null;
        for (SchemaVersion version : versions) {
            if (version.sameSchemaAs(parsed.canonical(), request.references())) {
                found = version;
            }
        }
        if (found == null) {
            throw RegistryException.schemaNotFound();
        }
        return found;
    }

    /**
     * Tests a schema against the subject under its effective level.
     *
     * @param version one version to test against, or null for all live versions (transitive levels check
     *                every one, the others only the latest)
     */
    CompatibilityResult checkCompatibility(String subject, Integer version, SchemaRequest request) {
        AvroSchemas.Parsed parsed = parse(request);
        List<SchemaVersion> live = state.versions(subject, false);
        if (live.isEmpty()) {
            return CompatibilityResult.ok();
        }
        List<SchemaVersion> targets = version == null ? live : List.of(version(subject, version, false));
        return checker.check(effectiveLevel(subject), parsed.schema(), parsedVersions(targets));
    }

    /** Ids of live schemas that import the given subject version. */
    List<Integer> referencedBy(String subject, int version) {
        SchemaVersion target = version(subject, version, false);
        return state.referencing(subject, target.version()).stream().map(SchemaVersion::id).distinct().toList();
    }

    CompatibilityLevel globalLevel() {
        return state.globalLevel().orElse(defaultLevel);
    }

    Optional<CompatibilityLevel> subjectLevel(String subject) {
        return state.subjectLevel(subject);
    }

    CompatibilityLevel effectiveLevel(String subject) {
        return subjectLevel(subject).orElseGet(this::globalLevel);
    }

    int maxId() {
        return state.maxId();
    }

    // ---------------------------------------------------------------- writes

    /**
     * Registers a schema under a subject and returns its global id. An identical schema already live in
     * the subject returns its id unchanged; one registered under another subject lends its id.
     */
    int register(String subject, SchemaRequest request) {
        AvroSchemas.Parsed parsed = parse(request);
        return underWriteLock(() -> {
            List<SchemaVersion> live = state.versions(subject, false);
            for (SchemaVersion version : live) {
                if (version.sameSchemaAs(parsed.canonical(), request.references())) {
                    return version.id();
                }
            }
            CompatibilityResult result = checker.check(effectiveLevel(subject), parsed.schema(), parsedVersions(live));
            if (!result.compatible()) {
                throw RegistryException.incompatible(subject, result.messages());
            }
            int id = state.idOf(parsed.canonical(), request.references()).orElse(state.maxId() + 1);
            int version = state.highestVersion(subject) + 1;
            log.append(List.of(SchemaRecord.of(
                new SchemaVersion(subject, version, id, parsed.canonical(), request.references(), false))));
            return id;
        });
    }

    /** Sets the global level ({@code subject == null}) or a subject's level. */
    CompatibilityLevel setLevel(String subject, String levelName) {
        CompatibilityLevel level = CompatibilityLevel.parse(levelName)
            .orElseThrow(() -> RegistryException.invalidCompatibilityLevel(levelName));
        return underWriteLock(() -> {
            log.append(List.of(new ConfigRecord(subject, level)));
            return level;
        });
    }

    /** Removes the global override (back to the configured default) or a subject's level; returns the old one. */
    CompatibilityLevel deleteLevel(String subject) {
        return underWriteLock(() -> {
            CompatibilityLevel previous = subject == null ? globalLevel() : state.subjectLevel(subject)
                .orElseThrow(() -> RegistryException.subjectCompatibilityNotConfigured(subject));
            log.append(List.of(new ConfigRecord(subject, null)));
            return previous;
        });
    }

    /**
     * Soft-deletes every live version of the subject, or with {@code permanent} erases a subject that was
     * soft-deleted before. Returns the affected version numbers.
     */
    List<Integer> deleteSubject(String subject, boolean permanent) {
        return underWriteLock(() -> {
            List<SchemaVersion> all = state.versions(subject, true);
            if (all.isEmpty()) {
                throw RegistryException.subjectNotFound(subject);
            }
            List<SchemaVersion> live = all.stream().filter(v -> !v.deleted()).toList();
            List<LogRecord> records = new ArrayList<>();
            List<SchemaVersion> affected;
            if (permanent) {
                if (!live.isEmpty()) {
                    throw RegistryException.subjectNotSoftDeleted(subject);
                }
                affected = all;
                all.forEach(v -> records.add(SchemaRecord.tombstone(subject, v.version())));
                if (state.subjectLevel(subject).isPresent()) {
                    records.add(new ConfigRecord(subject, null));
                }
            } else {
                if (live.isEmpty()) {
                    throw RegistryException.subjectSoftDeleted(subject);
                }
                live.forEach(this::ensureNotReferenced);
                affected = live;
                live.forEach(v -> records.add(SchemaRecord.of(v.markDeleted())));
                records.add(new DeleteSubjectRecord(subject, live.get(live.size() - 1).version()));
            }
            log.append(records);
            return affected.stream().map(SchemaVersion::version).toList();
        });
    }

    /** Soft-deletes one version, or with {@code permanent} erases a soft-deleted one. Returns its number. */
    int deleteVersion(String subject, int version, boolean permanent) {
        return underWriteLock(() -> {
            // "latest" means the newest live version, or for a permanent delete the newest soft-deleted one.
            SchemaVersion target = version(subject, version, version != LATEST || permanent);
            if (permanent) {
                if (!target.deleted()) {
                    throw RegistryException.versionNotSoftDeleted(subject, target.version());
                }
                log.append(List.of(SchemaRecord.tombstone(subject, target.version())));
            } else {
                if (target.deleted()) {
                    throw RegistryException.versionSoftDeleted(subject, target.version());
                }
                ensureNotReferenced(target);
                log.append(List.of(SchemaRecord.of(target.markDeleted())));
            }
            return target.version();
        });
    }

    // ---------------------------------------------------------------- helpers

    private interface Write<T> {
        T run();
    }

    /** Runs a write with exclusive access, after reading anything the log holds that memory does not yet. */
    private <T> T underWriteLock(Write<T> write) {
        writeLock.lock();
        try {
            log.catchUp();
            return write.run();
        } finally {
            writeLock.unlock();
        }
    }

    private void ensureNotReferenced(SchemaVersion version) {
        List<Integer> referencing = state.referencing(version.subject(), version.version()).stream()
            .map(SchemaVersion::id).distinct().toList();
        if (!referencing.isEmpty()) {
            throw RegistryException.referenceExists(version.subject(), version.version(), referencing);
        }
    }

    private AvroSchemas.Parsed parse(SchemaRequest request) {
        if (!request.isAvro()) {
            throw RegistryException.unsupportedSchemaType(request.schemaType());
        }
        return AvroSchemas.parse(request.schema(), request.references(), this::resolveReference);
    }

    private SchemaVersion resolveReference(SchemaReference reference) {
        return version(reference.subject(), reference.version() <= 0 ? LATEST : reference.version(), true);
    }

    private List<CompatibilityChecker.Existing> parsedVersions(List<SchemaVersion> versions) {
        return versions.stream()
            .map(v -> new CompatibilityChecker.Existing(v.version(), parsedById.computeIfAbsent(v.id(),
                id -> AvroSchemas.parse(v.schema(), v.references(), this::resolveReference).schema())))
            .toList();
    }
}
