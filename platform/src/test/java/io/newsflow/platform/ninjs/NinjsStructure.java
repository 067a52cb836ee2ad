package io.newsflow.platform.ninjs;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A structural check of a document against the IPTC ninjs 2.1 JSON schema
 * (http://www.iptc.org/std/ninjs/ninjs-schema_2.1.json), written out by hand for the properties it defines so
 * the tests need no JSON-schema library: required {@code uri}; no top-level property the schema does not
 * define ({@code unevaluatedProperties: false}); string, array and object types; {@code format: uri} and
 * {@code format: date-time}; the {@code type}, {@code representationtype} and {@code pubstatus} enums; urgency
 * a whole number from 1 to 9; {@code value} required in headlines/bodies/descriptions; and the closed property
 * sets of the array items. Associations are checked only for being objects with {@code name} and {@code uri}.
 */
final class NinjsStructure {

    private static final Pattern DATE_TIME = Pattern.compile(
        "\\d{4}-\\d{2}-\\d{2}[Tt]\\d{2}:\\d{2}:\\d{2}(\\.\\d+)?([Zz]|[+-]\\d{2}:\\d{2})");
    private static final Pattern ABSOLUTE_URI = Pattern.compile("[A-Za-z][A-Za-z0-9+.-]*:\\S+");

    private static final Set<String> PLAIN_STRINGS = Set.of("profile", "version", "copyrightholder", "copyrightnotice",
        "usageterms", "ednote", "language", "title", "by", "slugline", "located");
    private static final Set<String> DATE_TIMES = Set.of("firstcreated", "versioncreated", "contentcreated",
        "embargoed", "expires");
    private static final Map<String, Set<String>> ENUMS = Map.of(
        "type", Set.of("text", "audio", "video", "picture", "graphic", "composite", "component"),
        "representationtype", Set.of("full", "partial"),
        "pubstatus", Set.of("usable", "withheld", "canceled"));
    private static final Set<String> TEXT_ITEM = Set.of("role", "contenttype", "value");
    private static final Set<String> BODY_ITEM = Set.of("role", "contenttype", "value", "charcount", "wordcount");
    private static final Set<String> CONCEPT_ITEM = Set.of("name", "rel", "uri", "literal");
    private static final Map<String, Set<String>> ITEM_PROPERTIES = Map.ofEntries(
        Map.entry("headlines", TEXT_ITEM),
        Map.entry("descriptions", TEXT_ITEM),
        Map.entry("bodies", BODY_ITEM),
        Map.entry("people", Set.of("name", "rel", "uri", "literal", "contactinfo")),
        Map.entry("organisations", Set.of("name", "rel", "uri", "literal", "symbols", "contactinfo")),
        Map.entry("places", Set.of("name", "rel", "uri", "literal", "contactinfo", "geojson")),
        Map.entry("subjects", Set.of("name", "rel", "uri", "literal", "creator", "relevance", "confidence")),
        Map.entry("events", CONCEPT_ITEM),
        Map.entry("objects", CONCEPT_ITEM),
        Map.entry("infosources", Set.of("name", "role", "uri", "literal", "contactinfo")),
        Map.entry("genres", Set.of("name", "uri", "literal")),
        Map.entry("altids", Set.of("role", "value")),
        Map.entry("trustindicators", Set.of("role", "title", "href")),
        Map.entry("renditions", Set.of("name", "href", "contenttype", "title", "height", "width", "sizeinbytes",
            "duration", "format")));
    /** Item properties with {@code format: uri} in 2.1 (genres' uri has no format there). */
    private static final Set<String> URI_ITEM_FIELDS = Set.of("people", "organisations", "places", "subjects",
        "events", "objects", "infosources");
    private static final Set<String> OBJECTS = Set.of("standard", "rightsinfo");
    private static final Set<String> TOP_LEVEL;

    static {
        java.util.HashSet<String> all = new java.util.HashSet<>(PLAIN_STRINGS);
        all.addAll(DATE_TIMES);
        all.addAll(ENUMS.keySet());
        all.addAll(ITEM_PROPERTIES.keySet());
        all.addAll(OBJECTS);
        all.addAll(Set.of("uri", "urgency", "associations"));
        TOP_LEVEL = Set.copyOf(all);
    }

    private NinjsStructure() {
    }

    /** Every rule the document breaks, as "pointer: problem"; empty when it is valid ninjs 2.1. */
    static List<String> violations(JsonNode document) {
        List<String> problems = new ArrayList<>();
        if (!document.isObject()) {
            problems.add(": must be an object");
            return problems;
        }
        if (!document.has("uri")) {
            problems.add("/uri: is required");
        }
        for (Map.Entry<String, JsonNode> field : document.properties()) {
            String name = field.getKey();
            JsonNode value = field.getValue();
            String pointer = "/" + name;
            if (!TOP_LEVEL.contains(name)) {
                problems.add(pointer + ": is not a ninjs 2.1 property");
            } else if (name.equals("uri")) {
                uri(value, pointer, problems);
            } else if (name.equals("urgency")) {
                if (!value.isIntegralNumber() || value.asInt() < 1 || value.asInt() > 9) {
                    problems.add(pointer + ": must be a whole number from 1 to 9");
                }
            } else if (PLAIN_STRINGS.contains(name)) {
                string(value, pointer, problems);
            } else if (DATE_TIMES.contains(name)) {
                if (!value.isTextual() || !DATE_TIME.matcher(value.asText()).matches()) {
                    problems.add(pointer + ": must be an RFC 3339 date-time with offset");
                }
            } else if (ENUMS.containsKey(name)) {
                if (!value.isTextual() || !ENUMS.get(name).contains(value.asText())) {
                    problems.add(pointer + ": must be one of " + ENUMS.get(name));
                }
            } else if (ITEM_PROPERTIES.containsKey(name)) {
                items(name, value, problems);
            } else if (name.equals("standard")) {
                closedObject(value, pointer, Set.of("name", "version", "schema"), problems);
                value.properties().forEach(e -> {
                    if (e.getKey().equals("schema")) {
                        uri(e.getValue(), pointer + "/schema", problems);
                    } else {
                        string(e.getValue(), pointer + "/" + e.getKey(), problems);
                    }
                });
            } else if (name.equals("rightsinfo")) {
                closedObject(value, pointer, Set.of("langid", "linkedrights", "encodedrights"), problems);
            } else if (name.equals("associations")) {
                if (!value.isArray()) {
                    problems.add(pointer + ": must be an array");
                } else {
                    for (int i = 0; i < value.size(); i++) {
                        if (!value.get(i).isObject() || !value.get(i).has("name") || !value.get(i).has("uri")) {
                            problems.add(pointer + "/" + i + ": must be an object with name and uri");
                        }
                    }
                }
            }
        }
        return problems;
    }

    private static void items(String name, JsonNode array, List<String> problems) {
        String pointer = "/" + name;
        if (!array.isArray()) {
            problems.add(pointer + ": must be an array");
            return;
        }
        Set<String> allowed = ITEM_PROPERTIES.get(name);
        for (int i = 0; i < array.size(); i++) {
            JsonNode item = array.get(i);
            String itemPointer = pointer + "/" + i;
            if (!closedObject(item, itemPointer, allowed, problems)) {
                continue;
            }
            if (Set.of("headlines", "bodies", "descriptions").contains(name) && !item.has("value")) {
                problems.add(itemPointer + "/value: is required");
            }
            if (name.equals("renditions") && !item.has("name")) {
                problems.add(itemPointer + "/name: is required");
            }
            item.properties().forEach(e -> {
                String key = e.getKey();
                JsonNode value = e.getValue();
                String at = itemPointer + "/" + key;
                switch (key) {
                    case "charcount", "wordcount", "height", "width", "sizeinbytes", "duration" -> {
                        if (!value.isNumber()) {
                            problems.add(at + ": must be a number");
                        }
                    }
                    case "relevance", "confidence" -> {
                        if (!value.isIntegralNumber() || value.asInt() < 0 || value.asInt() > 100) {
                            problems.add(at + ": must be a whole number from 0 to 100");
                        }
                    }
                    case "contactinfo", "symbols" -> {
                        if (!value.isArray()) {
                            problems.add(at + ": must be an array");
                        }
                    }
                    case "geojson" -> {
                        if (!value.isObject()) {
                            problems.add(at + ": must be an object");
                        }
                    }
                    case "uri" -> {
                        if (URI_ITEM_FIELDS.contains(name)) {
                            uri(value, at, problems);
                        } else {
                            string(value, at, problems);
                        }
                    }
                    case "href" -> uri(value, at, problems);
                    default -> string(value, at, problems);
                }
            });
        }
    }

    private static boolean closedObject(JsonNode node, String pointer, Set<String> allowed, List<String> problems) {
        if (!node.isObject()) {
            problems.add(pointer + ": must be an object");
            return false;
        }
        node.fieldNames().forEachRemaining(key -> {
            if (!allowed.contains(key)) {
                problems.add(pointer + "/" + key + ": is not allowed here");
            }
        });
        return true;
    }

    private static void string(JsonNode value, String pointer, List<String> problems) {
        if (!value.isTextual()) {
            problems.add(pointer + ": must be a string");
        }
    }

    private static void uri(JsonNode value, String pointer, List<String> problems) {
        if (!value.isTextual() || !ABSOLUTE_URI.matcher(value.asText()).matches()) {
            problems.add(pointer + ": must be an absolute URI");
            return;
        }
        try {
            new URI(value.asText());
        } catch (URISyntaxException e) {
            problems.add(pointer + ": must be an absolute URI (" + e.getReason() + ")");
        }
    }
}
