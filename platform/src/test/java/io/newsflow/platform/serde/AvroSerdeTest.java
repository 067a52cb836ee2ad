package io.newsflow.platform.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import io.newsflow.platform.registry.InMemorySchemaRegistry;
import io.newsflow.schemas.ArticlePublished;
import io.newsflow.schemas.PubStatus;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class AvroSerdeTest {

    private static final String SCOPE = "avro-serde-test";
    private static final Map<String, Object> CONFIG = Map.of("schema.registry.url", "mock://" + SCOPE);

    private static final Schema TINY = new Schema.Parser().parse(
        "{\"type\":\"record\",\"name\":\"Tiny\",\"namespace\":\"test\",\"fields\":["
            + "{\"name\":\"name\",\"type\":\"string\"},{\"name\":\"n\",\"type\":\"int\"}]}");

    @AfterEach
    void forgetRegistry() {
        InMemorySchemaRegistry.drop(SCOPE);
    }

    @Test
    void writesConfluentsFrameByteForByte() {
        // Given the first schema registered in an empty registry (id 1) and a record {"name":"ab","n":3}
        var serializer = new AvroSerializer<GenericRecord>();
        serializer.configure(CONFIG, false);
        GenericRecord tiny = new GenericData.Record(TINY);
        tiny.put("name", "ab");
        tiny.put("n", 3);

        // When it is serialized
        byte[] bytes = serializer.serialize("tiny", tiny);

        // Then: magic 0x00, id 1 as a big-endian int, then Avro binary: len 2 zigzag (0x04) "ab", 3 zigzag (0x06)
        assertThat(HexFormat.of().formatHex(bytes)).isEqualTo("00" + "00000001" + "04" + "6162" + "06");
    }

    @Test
    void registersUnderTopicNameStrategySubjects() {
        var serializer = new AvroSerializer<GenericRecord>();
        serializer.configure(CONFIG, false);
        var keySerializer = new AvroSerializer<GenericRecord>();
        keySerializer.configure(CONFIG, true);
        GenericRecord tiny = new GenericData.Record(TINY);
        tiny.put("name", "x");
        tiny.put("n", 1);

        serializer.serialize("orders", tiny);
        keySerializer.serialize("orders", tiny);

        var registry = InMemorySchemaRegistry.scope(SCOPE);
        assertThat(registry.latest("orders-value").schema()).isEqualTo(TINY);
        assertThat(registry.latest("orders-key").schema()).isEqualTo(TINY);
    }

    @Test
    void readsAFrameWrittenByAnotherConfluentClient() {
        // Given a frame assembled by hand, as any Confluent serializer would write it, with schema id 7
        var registry = InMemorySchemaRegistry.scope(SCOPE);
        for (int i = 0; i < 7; i++) {
            registry.register("filler-" + i, Schema.createRecord("F" + i, null, "test", false, List.of()));
        }
        assertThat(registry.register("tiny-value", TINY)).isEqualTo(8);
        byte[] frame = HexFormat.of().parseHex("00" + "00000008" + "06" + "78797a" + "54");

        // When our deserializer reads it generically
        var deserializer = new AvroDeserializer<GenericRecord>();
        deserializer.configure(CONFIG, false);
        GenericRecord record = deserializer.deserialize("tiny", frame);

        // Then the fields come back: "xyz" and 42
        assertThat(record.get("name").toString()).isEqualTo("xyz");
        assertThat(record.get("n")).isEqualTo(42);
    }

    @Test
    void roundTripsAGeneratedRecordWithLogicalTypes() {
        var serde = AvroSerde.forValues(ArticlePublished.class, CONFIG);
        ArticlePublished article = sampleArticle();

        byte[] bytes = serde.serializer().serialize("articles.published", article);
        ArticlePublished back = serde.deserializer().deserialize("articles.published", bytes);

        assertThat(back).isEqualTo(article);
        assertThat(back.getPublishedAt()).isEqualTo(Instant.parse("2024-10-21T14:56:00Z"));
        assertThat(ByteBuffer.wrap(bytes).get()).isZero();
    }

    @Test
    void readsOldDataWithANewerReaderSchema() {
        // Given data written with an older schema that lacked the "n" field
        Schema older = new Schema.Parser().parse(
            "{\"type\":\"record\",\"name\":\"Tiny\",\"namespace\":\"test\",\"fields\":[{\"name\":\"name\",\"type\":\"string\"}]}");
        Schema newer = new Schema.Parser().parse(
            "{\"type\":\"record\",\"name\":\"Tiny\",\"namespace\":\"test\",\"fields\":["
                + "{\"name\":\"name\",\"type\":\"string\"},{\"name\":\"n\",\"type\":\"int\",\"default\":-1}]}");
        var serializer = new AvroSerializer<GenericRecord>();
        serializer.configure(CONFIG, false);
        GenericRecord old = new GenericData.Record(older);
        old.put("name", "legacy");
        byte[] bytes = serializer.serialize("tiny", old);

        // When read by a writer/reader resolution against the newer schema
        var datumReader = new org.apache.avro.generic.GenericDatumReader<GenericRecord>(older, newer);
        var decoder = org.apache.avro.io.DecoderFactory.get().binaryDecoder(bytes, 5, bytes.length - 5, null);

        // Then the default fills the missing field
        assertThat(org.assertj.core.api.Assertions.catchThrowable(() -> {
            GenericRecord read = datumReader.read(null, decoder);
            assertThat(read.get("n")).isEqualTo(-1);
        })).isNull();
    }

    @Test
    void nullStaysATombstone() {
        var serde = AvroSerde.forValues(ArticlePublished.class, CONFIG);
        assertThat(serde.serializer().serialize("articles.published", null)).isNull();
        assertThat(serde.deserializer().deserialize("articles.published", null)).isNull();
    }

    @Test
    void rejectsBytesThatAreNotInTheWireFormat() {
        var serde = AvroSerde.forValues(ArticlePublished.class, CONFIG);
        assertThatThrownBy(() -> serde.deserializer().deserialize("t", "{\"json\":true}".getBytes()))
            .isInstanceOf(SerializationException.class)
            .hasMessageContaining("magic byte");
        assertThatThrownBy(() -> serde.deserializer().deserialize("t", HexFormat.of().parseHex("00" + "00000009" + "99")))
            .isInstanceOf(SerializationException.class)
            .hasMessageContaining("schema id 9");
    }

    @Test
    void withoutAutoRegistrationAnUnknownSchemaIsRefused() {
        var serializer = new AvroSerializer<GenericRecord>();
        serializer.configure(Map.of("schema.registry.url", "mock://" + SCOPE, "auto.register.schemas", "false"), false);
        GenericRecord tiny = new GenericData.Record(TINY);
        tiny.put("name", "x");
        tiny.put("n", 1);
        assertThatThrownBy(() -> serializer.serialize("tiny", tiny))
            .isInstanceOf(SerializationException.class)
            .hasMessageContaining("tiny-value");
    }

    @Test
    void takesConfluentsConfigNamesAndRefusesOtherSubjectStrategies() {
        assertThatThrownBy(() -> AvroSerdeConfig.from(Map.of()))
            .isInstanceOf(ConfigException.class).hasMessageContaining("schema.registry.url");
        var config = AvroSerdeConfig.from(Map.of("schema.registry.url", "http://r:8081", "auto.register.schemas", "false",
            "specific.avro.reader", "true",
            "value.subject.name.strategy", "io.confluent.kafka.serializers.subject.TopicNameStrategy"));
        assertThat(config.autoRegisterSchemas()).isFalse();
        assertThat(config.specificAvroReader()).isTrue();
        assertThatThrownBy(() -> AvroSerdeConfig.from(Map.of("schema.registry.url", "http://r:8081",
            "value.subject.name.strategy", "io.confluent.kafka.serializers.subject.RecordNameStrategy")))
            .isInstanceOf(ConfigException.class).hasMessageContaining("TopicNameStrategy");
    }

    static ArticlePublished sampleArticle() {
        return ArticlePublished.newBuilder()
            .setId("story-1").setVersion(1).setSource("ukraine-ledger").setLanguage("en")
            .setHeadline("Headline").setBody("Body").setByline(null).setLabels(List.of("Exclusive"))
            .setUrgency(3).setPubStatus(PubStatus.usable).setEmbargoUntil(null)
            .setPublishedAt(Instant.parse("2024-10-21T14:56:00Z")).setIngestedAt(Instant.parse("2024-10-21T14:56:01Z"))
            .build();
    }
}
