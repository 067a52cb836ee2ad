package io.newsflow.ingest.http;

import io.javalin.http.Context;
import io.newsflow.ingest.auth.ApiKeys;
import io.newsflow.ingest.auth.Editor;
import io.newsflow.platform.http.ProblemException;

/**
 * Finds the editor behind a request from {@code Authorization: Bearer <key>} or {@code X-API-Key}. A missing
 * or wrong key is a 401 before any story is looked at, so it reveals nothing about which stories exist.
 */
public final class Authenticator {

    private final boolean enabled;
    private final ApiKeys keys;

    public Authenticator(boolean enabled, ApiKeys keys) {
        this.enabled = enabled;
        this.keys = keys;
    }

    public Editor editor(Context ctx) {
        if (!enabled) {
            return Editor.UNAUTHENTICATED_DEV;
        }
        String token = token(ctx);
        if (token == null) {
            throw unauthorized(ctx, "This request needs an editor's API key: send 'Authorization: Bearer <key>'.");
        }
        return keys.authenticate(token)
            .orElseThrow(() -> unauthorized(ctx, "The API key is not valid."));
    }

    public boolean enabled() {
        return enabled;
    }

    private static String token(Context ctx) {
        String authorization = ctx.header("Authorization");
        if (authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return authorization.substring(7).trim();
        }
        String apiKey = ctx.header("X-API-Key");
        return apiKey == null ? null : apiKey.trim();
    }

    private static ProblemException unauthorized(Context ctx, String detail) {
        ctx.header("WWW-Authenticate", "Bearer realm=\"newsflow-ingest\"");
        return new ProblemException(401, "Unauthorized", detail);
    }
}
