package io.newsflow.platform.registry;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicInteger;

import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.junit.jupiter.api.Test;

class CachingSchemaRegistryClientTest {

    private static final Schema SCHEMA = SchemaBuilder.record("Cached").namespace("test").fields().requiredString("a").endRecord();

    /** Counts the calls that would have gone over HTTP. */
    private static final class CountingRegistry implements SchemaRegistryClient {
        final InMemorySchemaRegistry store = new InMemorySchemaRegistry();
        final AtomicInteger calls = new AtomicInteger();

        @Override
        public int register(String subject, Schema schema) {
            calls.incrementAndGet();
            return store.register(subject, schema);
        }

        @Override
        public int idOf(String subject, Schema schema) {
            calls.incrementAndGet();
            return store.idOf(subject, schema);
        }

        @Override
        public RegisteredSchema latest(String subject) {
            calls.incrementAndGet();
            return store.latest(subject);
        }

        @Override
        public Schema schemaById(int id) {
            calls.incrementAndGet();
            return store.schemaById(id);
        }
    }

    @Test
    void registersOnceAndResolvesIdsWithoutFurtherCalls() {
        var remote = new CountingRegistry();
        var client = new CachingSchemaRegistryClient(remote);

        int id = client.register("t-value", SCHEMA);
        for (int i = 0; i < 100; i++) {
            assertThat(client.register("t-value", SCHEMA)).isEqualTo(id);
            assertThat(client.schemaById(id)).isEqualTo(SCHEMA);
        }

        // one registration; the id → schema direction was learnt from it
        assertThat(remote.calls).hasValue(1);
    }

    @Test
    void latestIsAlwaysAskedBecauseItChangesWhenTheSubjectEvolves() {
        var remote = new CountingRegistry();
        var client = new CachingSchemaRegistryClient(remote);
        client.register("t-value", SCHEMA);

        client.latest("t-value");
        client.latest("t-value");

        assertThat(remote.calls).hasValue(3);
    }

    @Test
    void failuresAreNotCached() {
        var remote = new CountingRegistry();
        var client = new CachingSchemaRegistryClient(remote);

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> client.schemaById(42)).isInstanceOf(SchemaRegistryException.class);
        remote.store.register("t-value", SCHEMA);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> client.schemaById(42)).isInstanceOf(SchemaRegistryException.class);

        assertThat(remote.calls).hasValue(2);
    }
}
