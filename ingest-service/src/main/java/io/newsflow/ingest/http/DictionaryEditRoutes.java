package io.newsflow.ingest.http;

import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.newsflow.ingest.auth.Editor;
import io.newsflow.ingest.auth.Role;
import io.newsflow.linking.DictionaryEntry;
import io.newsflow.platform.config.CommonConfig;
import io.newsflow.platform.config.Settings;
import io.newsflow.platform.http.Problem.FieldError;
import io.newsflow.platform.http.ProblemException;
import io.newsflow.platform.kafka.Topics;
import io.newsflow.schemas.DictionaryEdit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;

/**
 * Editors change the linking dictionary here: {@code PUT /dictionary/entries/{id}} adds or replaces an
 * entity, {@code DELETE /dictionary/entries/{id}} removes one, each optionally with {@code ?replayHours=N} to
 * re-enrich recent stories; {@code DELETE ...?restore=true} forgets every edit of the id (a tombstone), so the entry
 * shipped with the release applies again. The change is written to {@code dictionary.entries}; every enrich-service
 * instance picks it up within seconds. Needs the {@code edit-dictionary} role.
 */
public final class DictionaryEditRoutes implements AutoCloseable {

    static final int MAX_REPLAY_HOURS = 7 * 24;

    private final Authenticator authenticator;
    private final Clock clock;
    private final KafkaProducer<String, DictionaryEdit> producer;

    public DictionaryEditRoutes(Settings settings, Authenticator authenticator, Clock clock) {
        this.authenticator = authenticator;
        this.clock = clock;
        var topic = Topics.DICTIONARY_ENTRIES;
        Map<String, Object> props = new HashMap<>();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, settings.string(CommonConfig.BOOTSTRAP_SERVERS_CONFIG));
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        props.put(ProducerConfig.CLIENT_ID_CONFIG, "ingest-service-dictionary");
        this.producer = new KafkaProducer<>(props, topic.keySerde().serializer(), topic.valueSerde(CommonConfig.serdeConfigs(settings)).serializer());
    }

    public void register(RoutesConfig routes) {
        routes.put("/dictionary/entries/{id}", this::put);
        routes.delete("/dictionary/entries/{id}", this::delete);
    }

    /** The answer to an accepted change. */
    public record EditReceipt(String entityId, String change, int replayHours, int partition, long offset) {
    }

    private void put(Context ctx) {
        Editor editor = editor(ctx);
        String id = ctx.pathParam("id");
        DictionaryEntry entry;
        try {
            entry = DictionaryEntry.fromJson(SubmissionReader.utf8(ctx.bodyAsBytes()));
        } catch (RuntimeException e) {
            throw ProblemException.unprocessable("Not a dictionary entry: " + e.getMessage(),
                List.of(new FieldError("(body)", e.getMessage())));
        }
        if (!entry.id().equals(id)) {
            throw ProblemException.unprocessable("The entry's id '" + entry.id() + "' differs from the path's '" + id + "'",
                List.of(new FieldError("id", "must equal the id in the path")));
        }
        publish(ctx, new DictionaryEdit(id, entry.toJson(), replayHours(ctx), editor.keyId(), clock.instant()), "upsert");
    }

    private void delete(Context ctx) {
        Editor editor = editor(ctx);
        String id = ctx.pathParam("id");
        if (ctx.queryParamAsClass("restore", Boolean.class).getOrDefault(false)) {
            // A tombstone: compaction forgets every edit of the id, and the entry shipped with the release applies again.
            publish(ctx, id, null, 0, "restore");
            return;
        }
        publish(ctx, new DictionaryEdit(id, null, replayHours(ctx), editor.keyId(), clock.instant()), "removal");
    }

    private void publish(Context ctx, DictionaryEdit edit, String change) {
        publish(ctx, edit.getEntityId(), edit, edit.getReplayHours(), change);
    }

    private void publish(Context ctx, String id, DictionaryEdit edit, int replayHours, String change) {
        try {
            RecordMetadata metadata = producer.send(new ProducerRecord<>(Topics.DICTIONARY_ENTRIES.name(), id, edit))
                .get(10, TimeUnit.SECONDS);
            ctx.status(202).json(new EditReceipt(id, change, replayHours, metadata.partition(), metadata.offset()));
        } catch (ExecutionException | TimeoutException e) {
            ctx.header("Retry-After", "5");
            throw ProblemException.unavailable("The dictionary change was not stored: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw ProblemException.unavailable("Interrupted");
        }
    }

    private Editor editor(Context ctx) {
        Editor editor = authenticator.editor(ctx);
        if (!editor.may(Role.EDIT_DICTIONARY)) {
            throw new ProblemException(403, "Forbidden", "Key " + editor.keyId() + " lacks the 'edit-dictionary' role");
        }
        return editor;
    }

    private static int replayHours(Context ctx) {
        return ctx.queryParamAsClass("replayHours", Integer.class)
            .check(h -> h == null || (h >= 0 && h <= MAX_REPLAY_HOURS), "must be between 0 and " + MAX_REPLAY_HOURS)
            .getOrDefault(0);
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(5));
    }
}
