package io.newsflow.cli.ops;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.newsflow.platform.serde.AvroDeserializer;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.io.JsonEncoder;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;

/**
 * Turns a raw Kafka record into one line of JSON: where it is, its key, its headers, and its value decoded from
 * Confluent-framed Avro through the registry into Avro's JSON encoding. A value that does not decode (a dead
 * letter, say) is shown as text when it is UTF-8 and as base64 otherwise, with the reason it did not decode.
 */
public final class RecordPrinter implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final AvroDeserializer<GenericRecord> values = new AvroDeserializer<>();

    public RecordPrinter(String schemaRegistryUrl) {
        values.configure(Map.of("schema.registry.url", schemaRegistryUrl, "specific.avro.reader", "false"), false);
    }

    public String print(ConsumerRecord<byte[], byte[]> record) {
        ObjectNode line = JSON.createObjectNode();
        line.put("topic", record.topic());
        line.put("partition", record.partition());
        line.put("offset", record.offset());
        line.put("timestamp", Instant.ofEpochMilli(record.timestamp()).toString());
        line.put("key", record.key() == null ? null : new String(record.key(), StandardCharsets.UTF_8));
        if (record.headers().toArray().length > 0) {
            ObjectNode headers = line.putObject("headers");
            for (Header header : record.headers()) {
                headers.put(header.key(), header.value() == null ? null : text(header.value()));
            }
        }
        if (record.value() == null) {
            line.putNull("value");
            return line.toString();
        }
        try {
            GenericRecord value = values.deserialize(record.topic(), record.value());
            line.set("value", avroJson(value));
        } catch (RuntimeException e) {
            String text = utf8(record.value());
            if (text != null) {
                line.put("rawValue", text);
            } else {
                line.put("rawValueBase64", Base64.getEncoder().encodeToString(record.value()));
            }
            line.put("decodeError", e.getMessage());
        }
        return line.toString();
    }

    private static JsonNode avroJson(GenericRecord value) {
        try {
            ByteArrayOutputStream buffer = new ByteArrayOutputStream();
            JsonEncoder encoder = EncoderFactory.get().jsonEncoder(value.getSchema(), buffer);
            new GenericDatumWriter<GenericRecord>(value.getSchema()).write(value, encoder);
            encoder.flush();
            return JSON.readTree(buffer.toByteArray());
        } catch (IOException e) {
            throw new IllegalStateException("could not write " + value.getSchema().getFullName() + " as JSON", e);
        }
    }

    private static String text(byte[] bytes) {
        String text = utf8(bytes);
        return text != null ? text : Base64.getEncoder().encodeToString(bytes);
    }

    private static String utf8(byte[] bytes) {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }

    @Override
    public void close() {
        values.close();
    }
}
