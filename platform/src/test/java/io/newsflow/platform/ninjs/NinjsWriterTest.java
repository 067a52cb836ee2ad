package io.newsflow.platform.ninjs;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.newsflow.platform.http.Json;
import io.newsflow.schemas.ArticleEnriched;
import io.newsflow.schemas.ArticlePublished;
import io.newsflow.schemas.EntityMention;
import io.newsflow.schemas.EntityType;
import io.newsflow.schemas.PubStatus;
import io.newsflow.schemas.TextField;

class NinjsWriterTest {

    private static final ObjectMapper MAPPER = Json.mapper();

    private final NinjsWriter writer = new NinjsWriter(MAPPER);

    @Test
    void writesValidNinjs21() {
        ObjectNode document = writer.write(enriched(article(2).build()));

        assertThat(NinjsStructure.violations(document)).isEmpty();
        assertThat(document.has("$schema")).isFalse(); // not a ninjs 2.1 property: the version goes to 'standard'
        assertThat(document.path("standard").path("name").asText()).isEqualTo("ninjs");
        assertThat(document.path("standard").path("version").asText()).isEqualTo("2.1");
        assertThat(document.path("standard").path("schema").asText())
            .isEqualTo("http://www.iptc.org/std/ninjs/ninjs-schema_2.1.json#");
        assertThat(document.path("uri").asText()).isEqualTo("tag:newsflow.io,2024:story:uledger-2024-10-21-nato-air-defence");
        assertThat(document.path("type").asText()).isEqualTo("text");
        assertThat(document.path("representationtype").asText()).isEqualTo("full");
        assertThat(document.path("version").isTextual()).isTrue();
        assertThat(document.path("version").asText()).isEqualTo("2");
        assertThat(document.has("firstcreated")).as("unknown for a later version").isFalse();
        assertThat(document.path("versioncreated").asText()).isEqualTo("2024-10-21T07:30:00Z");
        assertThat(document.path("embargoed").asText()).isEqualTo("2024-10-21T09:00:00Z");
        assertThat(document.path("pubstatus").asText()).isEqualTo("withheld");
        assertThat(document.path("urgency").isInt()).isTrue();
        assertThat(document.path("urgency").asInt()).isEqualTo(3);
        assertThat(document.path("language").asText()).isEqualTo("en-GB");
        assertThat(document.path("by").asText()).isEqualTo("Olena Marchenko");
        assertThat(document.path("copyrightholder").asText()).isEqualTo("ukraine-ledger");
        assertThat(document.path("infosources").toString()).isEqualTo("[{\"name\":\"ukraine-ledger\"}]");
    }

    @Test
    void writesOneMainPlainTextHeadlineAndBodyWithCounts() {
        ObjectNode document = writer.write(enriched(article(1).build()));

        assertThat(document.path("headlines").toString())
            .isEqualTo("[{\"role\":\"main\",\"contenttype\":\"text/plain\",\"value\":\"NATO pledges more air defence\"}]");
        JsonNode body = document.path("bodies").get(0);
        assertThat(document.path("bodies")).hasSize(1);
        assertThat(body.path("role").asText()).isEqualTo("main");
        assertThat(body.path("contenttype").asText()).isEqualTo("text/plain");
        assertThat(body.path("value").asText()).isEqualTo(BODY);
        assertThat(body.path("charcount").asInt()).isEqualTo(BODY.length());
        assertThat(body.path("wordcount").asInt()).isEqualTo(21); // "-" is not a word
        assertThat(document.path("firstcreated").asText()).isEqualTo("2024-10-21T07:30:00Z");
    }

    @Test
    void mapsLabelsToGenresAndTagsToSubjects() {
        ObjectNode document = writer.write(enriched(article(1).build()));

        assertThat(document.path("genres").toString()).isEqualTo("[{\"name\":\"Exclusive\"},{\"name\":\"Updated\"}]");
        assertThat(document.path("subjects").toString()).isEqualTo("[{\"name\":\"ukraine war\","
            + "\"uri\":\"tag:newsflow.io,2024:topic:ukraine%20war\"},{\"name\":\"nato\",\"uri\":\"tag:newsflow.io,2024:topic:nato\"}]");
    }

    @Test
    void mapsEntitiesToPeopleOrganisationsAndPlacesOncePerEntity() {
        ObjectNode document = writer.write(enriched(article(1).build()));

        assertThat(document.path("people").toString()).isEqualTo("[{\"name\":\"Lloyd Austin\","
            + "\"uri\":\"tag:newsflow.io,2024:entity:person:lloyd-austin\",\"literal\":\"person:lloyd-austin\"}]");
        assertThat(document.path("organisations").toString()).isEqualTo("[{\"name\":\"NATO\","
            + "\"uri\":\"tag:newsflow.io,2024:entity:org:nato\",\"literal\":\"org:nato\"}]");
        assertThat(document.path("places").toString()).isEqualTo("[{\"name\":\"Kursk Oblast\","
            + "\"uri\":\"tag:newsflow.io,2024:entity:place:kursk-oblast\",\"literal\":\"place:kursk-oblast\"},"
            + "{\"name\":\"Brussels\",\"uri\":\"tag:newsflow.io,2024:entity:place:brussels\",\"literal\":\"place:brussels\"}]");
        // the UNKNOWN entity has nowhere to go in ninjs and is left out
        assertThat(document.toString()).doesNotContain("thing:mystery");
    }

    @Test
    void leavesOutWhatTheStoryDoesNotHave() {
        ArticlePublished bare = article(1).setByline(null).setLabels(List.of()).setEmbargoUntil(null).build();
        ObjectNode document = writer.write(ArticleEnriched.newBuilder().setArticle(bare).setEntities(List.of())
            .setTags(List.of()).setEnrichedAt(Instant.parse("2024-10-21T07:31:00Z")).build());

        assertThat(NinjsStructure.violations(document)).isEmpty();
        assertThat(document.has("by")).isFalse();
        assertThat(document.has("genres")).isFalse();
        assertThat(document.has("embargoed")).isFalse();
        assertThat(document.has("subjects")).isFalse();
        assertThat(document.has("people")).isFalse();
        assertThat(document.has("organisations")).isFalse();
        assertThat(document.has("places")).isFalse();
    }

    @Test
    void writesAPlainArticleToo() {
        ObjectNode document = writer.write(article(1).build());
        assertThat(NinjsStructure.violations(document)).isEmpty();
        assertThat(document.path("infosources").get(0).path("name").asText()).isEqualTo("ukraine-ledger");
        assertThat(document.has("people")).isFalse();
    }

    @Test
    void keepsIdsThatAreUrisAndEncodesOthers() {
        assertThat(writer.write(article(1).setId("urn:newsml:example.com:20241021:x").build()).path("uri").asText())
            .isEqualTo("urn:newsml:example.com:20241021:x");
        assertThat(writer.write(article(1).setId("story 1/é").build()).path("uri").asText())
            .isEqualTo("tag:newsflow.io,2024:story:story%201%2F%C3%A9");
        assertThat(NinjsStructure.violations(writer.write(article(1).setId("story 1/é").build()))).isEmpty();
    }

    @Test
    void serialisesWithOffsetDatesAndNoNulls() throws Exception {
        String json = MAPPER.writeValueAsString(writer.write(enriched(article(1).build())));
        assertThat(json).doesNotContain("null").contains("\"versioncreated\":\"2024-10-21T07:30:00Z\"");
        assertThat(NinjsStructure.violations(MAPPER.readTree(json))).isEmpty();
    }

    // --- the structural check must itself catch what the 2.1 schema forbids -------------------------------------

    @Test
    void structuralCheckCatchesInvalidDocuments() {
        ObjectNode valid = writer.write(enriched(article(1).build()));

        assertThat(NinjsStructure.violations(changed(valid, d -> d.remove("uri")))).containsExactly("/uri: is required");
        assertThat(NinjsStructure.violations(changed(valid, d -> d.put("uri", "not a uri"))))
            .containsExactly("/uri: must be an absolute URI");
        assertThat(NinjsStructure.violations(changed(valid, d -> d.put("$schema", Ninjs.SCHEMA_2_1))))
            .containsExactly("/$schema: is not a ninjs 2.1 property");
        assertThat(NinjsStructure.violations(changed(valid, d -> d.putArray("bylines").addObject().put("byline", "x"))))
            .containsExactly("/bylines: is not a ninjs 2.1 property");
        assertThat(NinjsStructure.violations(changed(valid, d -> d.put("urgency", 10))))
            .containsExactly("/urgency: must be a whole number from 1 to 9");
        assertThat(NinjsStructure.violations(changed(valid, d -> d.put("urgency", 2.5))))
            .containsExactly("/urgency: must be a whole number from 1 to 9");
        assertThat(NinjsStructure.violations(changed(valid, d -> d.put("pubstatus", "published"))))
            .singleElement().asString().startsWith("/pubstatus: must be one of");
        assertThat(NinjsStructure.violations(changed(valid, d -> d.put("version", 1))))
            .containsExactly("/version: must be a string");
        assertThat(NinjsStructure.violations(changed(valid, d -> d.put("versioncreated", "2024-10-21T07:30:00"))))
            .containsExactly("/versioncreated: must be an RFC 3339 date-time with offset");
        assertThat(NinjsStructure.violations(changed(valid, d -> ((ObjectNode) d.get("headlines").get(0)).remove("value"))))
            .containsExactly("/headlines/0/value: is required");
        assertThat(NinjsStructure.violations(changed(valid, d -> ((ObjectNode) d.get("people").get(0)).put("id", "x"))))
            .containsExactly("/people/0/id: is not allowed here");
        assertThat(NinjsStructure.violations(changed(valid, d -> ((ObjectNode) d.get("bodies").get(0)).put("wordcount", "18"))))
            .containsExactly("/bodies/0/wordcount: must be a number");
    }

    // --- fixtures --------------------------------------------------------------------------------------------

    static final String BODY = "BRUSSELS - NATO defence ministers agreed on Monday to send more air defence.\n\n"
        + "Lloyd Austin said more would follow for Kursk Oblast.";

    static ArticlePublished.Builder article(int version) {
        return ArticlePublished.newBuilder()
            .setId("uledger-2024-10-21-nato-air-defence")
            .setVersion(version)
            .setSource("ukraine-ledger")
            .setLanguage("en-GB")
            .setHeadline("NATO pledges more air defence")
            .setBody(BODY)
            .setByline("Olena Marchenko")
            .setLabels(List.of("Exclusive", "Updated"))
            .setUrgency(3)
            .setPubStatus(PubStatus.withheld)
            .setEmbargoUntil(Instant.parse("2024-10-21T09:00:00Z"))
            .setPublishedAt(Instant.parse("2024-10-21T07:30:00Z"))
            .setIngestedAt(Instant.parse("2024-10-21T07:30:05Z"));
    }

    static ArticleEnriched enriched(ArticlePublished article) {
        return ArticleEnriched.newBuilder()
            .setArticle(article)
            .setEntities(List.of(
                mention(TextField.HEADLINE, "NATO", "NATO", "org:nato", EntityType.ORG),
                mention(TextField.BODY, "Lloyd Austin", "Lloyd Austin", "person:lloyd-austin", EntityType.PERSON),
                mention(TextField.BODY, "Kursk", "Kursk Oblast", "place:kursk-oblast", EntityType.PLACE),
                mention(TextField.BODY, "NATO", "NATO", "org:nato", EntityType.ORG),
                mention(TextField.BODY, "Brussels", "Brussels", "place:brussels", EntityType.PLACE),
                mention(TextField.BODY, "Mystery", "Mystery", "thing:mystery", EntityType.UNKNOWN)))
            .setTags(List.of("ukraine war", "nato", "nato"))
            .setEnrichedAt(Instant.parse("2024-10-21T07:31:00Z"))
            .build();
    }

    private static EntityMention mention(TextField field, String surface, String canonical, String id, EntityType type) {
        return EntityMention.newBuilder().setField(field).setSurface(surface).setStart(0).setEnd(surface.length())
            .setCanonical(canonical).setEntityId(id).setType(type).setConfidence(0.9).setEvidence(null).build();
    }

    private static ObjectNode changed(ObjectNode document, java.util.function.Consumer<ObjectNode> change) {
        ObjectNode copy = document.deepCopy();
        change.accept(copy);
        return copy;
    }
}
