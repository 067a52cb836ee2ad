package io.newsflow.registry;

import java.util.ArrayList;
import java.util.List;

import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaCompatibility.Incompatibility;
import org.apache.avro.SchemaCompatibility.SchemaCompatibilityType;
import org.apache.avro.SchemaCompatibility.SchemaPairCompatibility;

/**
 * Applies a {@link CompatibilityLevel} to a candidate schema and the live versions of a subject, using
 * Avro's own reader/writer resolution rules.
 */
public final class CompatibilityChecker {

    /** A live version to check against. */
    public record Existing(int version, Schema schema) {
    }

    /**
     * @param existing the subject's live versions, oldest first. Non-transitive levels look only at the last one.
     */
    public CompatibilityResult check(CompatibilityLevel level, Schema candidate, List<Existing> existing) {
        if (level == CompatibilityLevel.NONE || existing.isEmpty()) {
            return CompatibilityResult.ok();
        }
        List<Existing> targets = level.transitive() ? existing : List.of(existing.get(existing.size() - 1));
        List<String> messages = new ArrayList<>();
        for (Existing target : targets) {
            if (level.checksBackward()) {
                // Backward: consumers on the new schema must read what producers wrote with the old one.
                messages.addAll(problems(candidate, target.schema(), "BACKWARD", target.version()));
            }
            if (level.checksForward()) {
                // Forward: consumers still on the old schema must read what producers write with the new one.
                messages.addAll(problems(target.schema(), candidate, "FORWARD", target.version()));
            }
        }
        return new CompatibilityResult(messages.isEmpty(), messages);
    }

    private static List<String> problems(Schema reader, Schema writer, String direction, int version) {
        SchemaPairCompatibility pair = SchemaCompatibility.checkReaderWriterCompatibility(reader, writer);
        if (pair.getType() == SchemaCompatibilityType.COMPATIBLE) {
            return List.of();
        }
        List<String> messages = new ArrayList<>();
        String reading = direction.equals("BACKWARD")
            ? "new schema reading data written with version " + version
            : "version " + version + " reading data written with the new schema";
        for (Incompatibility problem : pair.getResult().getIncompatibilities()) {
            messages.add(direction + " check failed (" + reading + "): " + problem.getType()
                + " at '" + problem.getLocation() + "': " + problem.getMessage());
        }
        if (messages.isEmpty()) {
            messages.add(direction + " check failed (" + reading + "): " + pair.getDescription());
        }
        return messages;
    }
}
