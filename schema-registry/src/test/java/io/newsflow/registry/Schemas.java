package io.newsflow.registry;

/** Avro schemas used across the tests: a small "Article" record evolving in well-known ways. */
final class Schemas {

    private Schemas() {
    }

    /** v1: id and title. */
    static final String ARTICLE_V1 = """
        {"type":"record","name":"Article","namespace":"io.newsflow.test","fields":[
          {"name":"id","type":"string"},
          {"name":"title","type":"string"}]}""";

    /** v1 with different whitespace and attribute order: the same schema. */
    static final String ARTICLE_V1_REFORMATTED = """
        {
          "namespace": "io.newsflow.test", "name": "Article", "type": "record",
          "fields": [ {"type": "string", "name": "id"}, {"name": "title", "type": "string"} ]
        }""";

    /** v1 plus an optional field with a default: backward and forward compatible. */
    static final String ARTICLE_WITH_LANGUAGE_DEFAULT = """
        {"type":"record","name":"Article","namespace":"io.newsflow.test","fields":[
          {"name":"id","type":"string"},
          {"name":"title","type":"string"},
          {"name":"language","type":"string","default":"en"}]}""";

    /** v1 plus a required field without default: new readers cannot read old data (not backward). */
    static final String ARTICLE_WITH_LANGUAGE_REQUIRED = """
        {"type":"record","name":"Article","namespace":"io.newsflow.test","fields":[
          {"name":"id","type":"string"},
          {"name":"title","type":"string"},
          {"name":"language","type":"string"}]}""";

    /** v1 without title: backward compatible (readers ignore it), not forward (old readers need it). */
    static final String ARTICLE_WITHOUT_TITLE = """
        {"type":"record","name":"Article","namespace":"io.newsflow.test","fields":[
          {"name":"id","type":"string"}]}""";

    /** Not related to Article at all. */
    static final String PAGE_VIEW = """
        {"type":"record","name":"PageView","namespace":"io.newsflow.test","fields":[
          {"name":"url","type":"string"},{"name":"millis","type":"long"}]}""";

    /** A record named after {@code name} with one string field; distinct schemas for tests that need many. */
    static String record(String name) {
        return "{\"type\":\"record\",\"name\":\"" + name + "\",\"fields\":[{\"name\":\"f\",\"type\":\"string\"}]}";
    }
}
