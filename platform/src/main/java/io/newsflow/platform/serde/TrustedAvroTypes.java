package io.newsflow.platform.serde;

import java.util.HashSet;
import java.util.Set;

import org.apache.avro.Schema;
import org.apache.avro.util.ClassSecurityValidator;

/**
 * Avro 1.12 refuses to instantiate generated classes it has not been told to trust. A deserializer that
 * was handed a target type by the application trusts exactly the generated types reachable from that
 * type's schema, and nothing else, instead of opening whole packages through system properties.
 */
public final class TrustedAvroTypes {

    private static final Set<String> TRUSTED = new HashSet<>();

    private TrustedAvroTypes() {
    }

    /** Trusts the generated types reachable from one generated record class (for code that copies records). */
    public static void trust(Class<? extends org.apache.avro.specific.SpecificRecord> type) {
        trustTypesOf(org.apache.avro.specific.SpecificData.get().getSchema(type));
    }

    static synchronized void trustTypesOf(Schema schema) {
        Set<String> names = new HashSet<>();
        collectNamedTypes(schema, names, new HashSet<>());
        names.removeAll(TRUSTED);
        if (names.isEmpty()) {
            return;
        }
        ClassSecurityValidator.Builder builder = ClassSecurityValidator.builder();
        names.forEach(builder::add);
        ClassSecurityValidator.setGlobal(ClassSecurityValidator.composite(ClassSecurityValidator.getGlobal(), builder.build()));
        TRUSTED.addAll(names);
    }

    private static void collectNamedTypes(Schema schema, Set<String> names, Set<Schema> seen) {
        if (!seen.add(schema)) {
            return;
        }
        switch (schema.getType()) {
            case RECORD -> {
                names.add(schema.getFullName());
                schema.getFields().forEach(field -> collectNamedTypes(field.schema(), names, seen));
            }
            case ENUM, FIXED -> names.add(schema.getFullName());
            case ARRAY -> collectNamedTypes(schema.getElementType(), names, seen);
            case MAP -> collectNamedTypes(schema.getValueType(), names, seen);
            case UNION -> schema.getTypes().forEach(branch -> collectNamedTypes(branch, names, seen));
            default -> {
                // primitives carry no class
            }
        }
    }
}
