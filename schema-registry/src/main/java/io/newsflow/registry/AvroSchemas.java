package io.newsflow.registry;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.apache.avro.AvroRuntimeException;
import org.apache.avro.Schema;

/** Parses Avro schema text (with optional references) and produces the normalised string the registry stores. */
final class AvroSchemas {

    /** Finds the version a reference points at; throws {@link RegistryException} when it does not exist. */
    @FunctionalInterface
    interface ReferenceResolver {
        SchemaVersion resolve(SchemaReference reference);
    }

    /**
     * A parsed schema.
     *
     * @param canonical compact JSON without the referenced types inlined; equal for schemas that differ
     *                  only in whitespace or attribute order. Unlike Avro's Parsing Canonical Form it keeps
     *                  defaults, docs and aliases, because those change what a reader can do.
     */
    record Parsed(Schema schema, String canonical) {
    }

    private static final int MAX_REFERENCE_DEPTH = 32;

    private AvroSchemas() {
    }

    static Parsed parse(String text, List<SchemaReference> references, ReferenceResolver resolver) {
        if (text == null || text.isBlank()) {
            throw RegistryException.invalidSchema("empty schema");
        }
        Schema.Parser parser = new Schema.Parser();
        List<Schema> imported = new ArrayList<>();
        loadReferences(parser, references, resolver, new HashSet<>(), imported, 0);
        try {
            Schema schema = parser.parse(text);
            return new Parsed(schema, canonical(schema, imported));
        } catch (AvroRuntimeException | IllegalArgumentException e) {
            // SchemaParseException, AvroTypeException (bad defaults) and Jackson errors all land here.
            throw RegistryException.invalidSchema(e.getMessage());
        }
    }

    /**
     * The stored string form: compact JSON in which referenced types appear by name only, as the referencing
     * schema was written. Avro 1.12 deprecates {@code toString(Collection, boolean)} without offering another
     * way to leave those types out (its {@code SchemaFormatter}s always inline them), hence the suppression.
     */
    @SuppressWarnings("deprecation")
    private static String canonical(Schema schema, List<Schema> imported) {
        return imported.isEmpty() ? schema.toString() : schema.toString(imported, false);
    }

    /** Parses referenced schemas depth-first into {@code parser}, so their named types are known. */
    private static void loadReferences(Schema.Parser parser, List<SchemaReference> references,
                                       ReferenceResolver resolver, Set<String> loaded, List<Schema> imported,
                                       int depth) {
        if (depth > MAX_REFERENCE_DEPTH) {
            throw RegistryException.invalidSchema("schema references nest deeper than " + MAX_REFERENCE_DEPTH);
        }
        for (SchemaReference reference : references) {
            if (reference.name() == null || reference.subject() == null) {
                throw RegistryException.invalidSchema("a reference needs a name, a subject and a version");
            }
            SchemaVersion target;
            try {
                target = resolver.resolve(reference);
            } catch (RegistryException e) {
                throw RegistryException.invalidSchema("reference " + reference + " cannot be resolved: "
                    + e.getMessage());
            }
            if (!loaded.add(target.subject() + "/" + target.version())) {
                continue;
            }
            loadReferences(parser, target.references(), resolver, loaded, imported, depth + 1);
            try {
                imported.add(parser.parse(target.schema()));
            } catch (AvroRuntimeException e) {
                throw RegistryException.invalidSchema("referenced schema " + reference + " does not parse: "
                    + e.getMessage());
            }
        }
    }
}
