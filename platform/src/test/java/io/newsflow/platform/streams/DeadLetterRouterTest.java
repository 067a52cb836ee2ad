package io.newsflow.platform.streams;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import io.newsflow.platform.kafka.Topics;
import io.newsflow.platform.registry.SchemaRegistryException;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.ProcessingExceptionHandler;
import org.apache.kafka.streams.processor.TaskId;
import org.apache.kafka.streams.processor.api.Record;
import org.junit.jupiter.api.Test;

class DeadLetterRouterTest {

    private final DeadLetterRouter router = new DeadLetterRouter();

    @Test
    void aRecordFailingOnlyBecauseTheRegistryIsAwayFailsTheTaskInsteadOfBeingParked() {
        router.configure(Map.of());
        var unreachable = new SerializationException("Schema registry refused schema for subject x-value",
            new SchemaRegistryException("schema registry at http://127.0.0.1:1 did not answer: request timed out", null));
        var storeError = new SerializationException("registry failed",
            new SchemaRegistryException(50001, "Error in the backend data store"));
        var proxyError = new SerializationException("registry failed",
            new SchemaRegistryException(503, 503, "HTTP 503"));

        assertThat(router.handleError(CONTEXT, RECORD, unreachable).result()).isEqualTo(ProcessingExceptionHandler.Result.FAIL);
        assertThat(router.handleError(CONTEXT, RECORD, storeError).result()).isEqualTo(ProcessingExceptionHandler.Result.FAIL);
        assertThat(router.handleError(CONTEXT, RECORD, proxyError).result()).isEqualTo(ProcessingExceptionHandler.Result.FAIL);
        assertThat(router.handleError(CONTEXT, RECORD, unreachable).deadLetterQueueRecords()).isEmpty();
    }

    @Test
    void aRecordTheRegistryAnsweredAboutIsParkedOnItsDeadLetterTopic() {
        router.configure(Map.of());
        var unknownSchema = new SerializationException("no such schema",
            new SchemaRegistryException(SchemaRegistryException.SCHEMA_NOT_FOUND, "Schema 126 not found"));
        var broken = new IllegalStateException("story key is not the story id");

        for (Exception exception : new Exception[] {unknownSchema, broken}) {
            ProcessingExceptionHandler.Response response = router.handleError(CONTEXT, RECORD, exception);
            assertThat(response.result()).isEqualTo(ProcessingExceptionHandler.Result.RESUME);
            assertThat(response.deadLetterQueueRecords()).singleElement()
                .satisfies(parked -> assertThat(parked.topic()).isEqualTo(Topics.ARTICLES_ENRICHED.name() + ".dlq"));
        }
    }

    private static final Record<String, String> RECORD = new Record<>("story-1", "value", 0L);

    private static final ErrorHandlerContext CONTEXT = new ErrorHandlerContext() {
        @Override
        public String topic() {
            return Topics.ARTICLES_ENRICHED.name();
        }

        @Override
        public int partition() {
            return 0;
        }

        @Override
        public long offset() {
            return 177;
        }

        @Override
        public Headers headers() {
            return new RecordHeaders();
        }

        @Override
        public String processorNodeId() {
            return "index-feed";
        }

        @Override
        public TaskId taskId() {
            return new TaskId(0, 0);
        }

        @Override
        public long timestamp() {
            return 0L;
        }

        @Override
        public byte[] sourceRawKey() {
            return "story-1".getBytes(StandardCharsets.UTF_8);
        }

        @Override
        public byte[] sourceRawValue() {
            return new byte[] {0, 0, 0, 0, 1};
        }
    };
}
