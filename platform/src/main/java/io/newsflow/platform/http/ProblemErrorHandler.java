package io.newsflow.platform.http;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * Jetty's own error answers, for requests refused before any route sees them (a malformed request line, an
 * ambiguous path such as {@code /articles/%00}, oversized headers), as {@code application/problem+json} like every
 * other error of the service, instead of Jetty's HTML page. The detail names the problem, never a stack trace.
 */
final class ProblemErrorHandler extends ErrorHandler {

    private final ObjectMapper mapper;

    ProblemErrorHandler(ObjectMapper mapper) {
        this.mapper = mapper;
        setShowStacks(false);
    }

    @Override
    protected void generateResponse(Request request, Response response, int code, String message, Throwable cause,
                                    Callback callback) throws IOException {
        String path = request.getHttpURI() == null ? null : request.getHttpURI().getPath();
        byte[] body = problem(code, message, path);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, Problem.CONTENT_TYPE);
        response.getHeaders().put(HttpHeader.CONTENT_LENGTH, body.length);
        response.write(true, ByteBuffer.wrap(body), callback);
    }

    @Override
    public ByteBuffer badMessageError(int status, String reason, HttpFields.Mutable fields) {
        fields.put(new HttpField(HttpHeader.CONTENT_TYPE, Problem.CONTENT_TYPE));
        return ByteBuffer.wrap(problem(status, reason, null));
    }

    private byte[] problem(int code, String message, String path) {
        String title = HttpStatus.getMessage(code);
        String detail = message == null || message.isBlank() || message.equals(title)
            ? "The request was refused before it reached the service: " + title
            : "The request was refused before it reached the service: " + message;
        try {
            return mapper.writeValueAsBytes(new Problem("about:blank", title, code, detail, path, null));
        } catch (JsonProcessingException e) {
            return ("{\"title\":\"" + title + "\",\"status\":" + code + "}").getBytes(StandardCharsets.UTF_8);
        }
    }
}
