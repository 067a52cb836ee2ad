package io.newsflow.ingest.http;

import java.io.IOException;
import java.util.List;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.newsflow.ingest.ArticlePublisher;
import io.newsflow.ingest.ArticlePublisher.PublishFailedException;
import io.newsflow.ingest.ArticlePublisher.PublishReceipt;
import io.newsflow.ingest.ArticleValidator;
import io.newsflow.ingest.ArticleValidator.InvalidArticleException;
import io.newsflow.platform.http.Problem.FieldError;
import io.newsflow.platform.http.ProblemException;
import io.newsflow.schemas.ArticlePublished;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** ingest-service's HTTP API: {@code POST /articles}. */
public final class IngestRoutes {

    private static final Logger log = LoggerFactory.getLogger(IngestRoutes.class);

    private final ObjectMapper json;
    private final ArticleValidator validator;
    private final ArticlePublisher publisher;

    public IngestRoutes(ObjectMapper json, ArticleValidator validator, ArticlePublisher publisher) {
        this.json = json;
        this.validator = validator;
        this.publisher = publisher;
    }

    public void register(RoutesConfig routes) {
        routes.post("/articles", this::publish);
    }

    private void publish(Context ctx) {
        requireJson(ctx);
        ArticlePublished article = validate(parse(ctx.bodyAsBytes()));
        PublishReceipt receipt;
        try {
            receipt = publisher.publish(article);
        } catch (PublishFailedException e) {
            log.warn("story {} v{} not published: {}", article.getId(), article.getVersion(), e.getMessage());
            ctx.header("Retry-After", "5");
            throw ProblemException.unavailable("The story was not published because Kafka did not acknowledge it ("
                + e.getMessage() + "). Nothing was written; retry with the same id and version.");
        }
        log.info("story {} v{} published to {}-{}@{}", receipt.id(), receipt.version(), receipt.topic(),
            receipt.partition(), receipt.offset());
        ctx.status(202).json(receipt);
    }

    private static void requireJson(Context ctx) {
        String contentType = ctx.contentType();
        String mediaType = contentType == null ? "" : contentType.split(";")[0].trim().toLowerCase(java.util.Locale.ROOT);
        if (!mediaType.equals("application/json") && !mediaType.endsWith("+json")) {
            throw new ProblemException(415, "Unsupported Media Type",
                "POST /articles takes application/json; got " + (contentType == null ? "no Content-Type" : contentType));
        }
    }

    private ArticleSubmission parse(byte[] body) {
        if (body.length == 0) {
            throw ProblemException.badRequest("The request body is empty; send the story as a JSON object.");
        }
        try {
            ArticleSubmission submission = json.readValue(body, ArticleSubmission.class);
            if (submission == null) {
                throw ProblemException.badRequest("The request body is JSON null; send the story as a JSON object.");
            }
            return submission;
        } catch (UnrecognizedPropertyException e) {
            throw ProblemException.unprocessable("Unknown field '" + e.getPropertyName() + "'. Known fields: "
                + String.join(", ", fieldNames()), List.of(new FieldError(e.getPropertyName(), "is not a known field")));
        } catch (MismatchedInputException e) {
            if (e.getPath().isEmpty()) {
                // Well-formed JSON that is not an object at all: answered like JSON null above, not as a field error.
                throw ProblemException.badRequest("The request body is " + rootKind(body) + "; send the story as a JSON object.");
            }
            String field = pointer(e);
            throw ProblemException.unprocessable("Field '" + field + "' has the wrong JSON type",
                List.of(new FieldError(field, "has the wrong JSON type")));
        } catch (JsonProcessingException e) {
            var location = e.getLocation();
            throw ProblemException.badRequest("Malformed JSON" + (location == null ? "" :
                " at line " + location.getLineNr() + ", column " + location.getColumnNr()) + ": " + e.getOriginalMessage());
        } catch (IOException e) {
            throw ProblemException.badRequest("Could not read the request body: " + e.getMessage());
        }
    }

    private ArticlePublished validate(ArticleSubmission submission) {
        try {
            return validator.validate(submission);
        } catch (InvalidArticleException e) {
            String detail = e.errors().size() == 1 ? "Invalid field: " + e.getMessage()
                : e.errors().size() + " invalid fields, first: " + e.getMessage();
            throw ProblemException.unprocessable(detail, e.errors());
        }
    }

    private static String pointer(MismatchedInputException e) {
        StringBuilder path = new StringBuilder();
        for (var ref : e.getPath()) {
            if (!path.isEmpty()) {
                path.append('/');
            }
            path.append(ref.getFieldName() != null ? ref.getFieldName() : String.valueOf(ref.getIndex()));
        }
        return path.isEmpty() ? "(root)" : path.toString();
    }

    /** What a well-formed body that is not a JSON object is, judged by its first significant character. */
    private static String rootKind(byte[] body) {
        for (byte b : body) {
            if (b == ' ' || b == '\t' || b == '\r' || b == '\n') {
                continue;
            }
            if (b == '[') {
                return "a JSON array";
            }
            if (b == '"') {
                return "a JSON string";
            }
            if (b == 't' || b == 'f') {
                return "a JSON boolean";
            }
            if (b == '-' || (b >= '0' && b <= '9')) {
                return "a JSON number";
            }
            break;
        }
        return "not a JSON object";
    }

    private static List<String> fieldNames() {
        return java.util.Arrays.stream(ArticleSubmission.class.getRecordComponents()).map(c -> c.getName()).toList();
    }
}
