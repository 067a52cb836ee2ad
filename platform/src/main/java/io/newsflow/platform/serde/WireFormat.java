package io.newsflow.platform.serde;

import java.nio.ByteBuffer;

import org.apache.kafka.common.errors.SerializationException;

/**
 * Confluent's framing of a serialized key or value: magic byte 0, the schema id as a 4-byte big-endian
 * int, then the Avro binary encoding. Keeping to it byte for byte is what lets Confluent's own serdes
 * read what ours write and the other way round.
 */
public final class WireFormat {

    public static final byte MAGIC_BYTE = 0x0;
    public static final int HEADER_SIZE = 5;

    private WireFormat() {
    }

    /** The schema id in a framed payload. */
    public static int schemaId(byte[] payload) {
        if (payload.length < HEADER_SIZE) {
            throw new SerializationException("Payload of " + payload.length + " bytes is too short for the Confluent wire format");
        }
        ByteBuffer buffer = ByteBuffer.wrap(payload);
        byte magic = buffer.get();
        if (magic != MAGIC_BYTE) {
            throw new SerializationException("Unknown magic byte " + magic + ": not in the Confluent wire format");
        }
        return buffer.getInt();
    }

    static void writeHeader(int schemaId, java.io.ByteArrayOutputStream out) {
        out.write(MAGIC_BYTE);
        out.write(schemaId >>> 24);
        out.write(schemaId >>> 16);
        out.write(schemaId >>> 8);
        out.write(schemaId);
    }
}
