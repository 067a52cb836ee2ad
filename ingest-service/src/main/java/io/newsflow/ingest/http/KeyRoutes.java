package io.newsflow.ingest.http;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.newsflow.ingest.auth.Editor;
import io.newsflow.ingest.auth.KeyRegistry;
import io.newsflow.ingest.auth.Role;
import io.newsflow.platform.http.ProblemException;

/**
 * Key management for editors with the {@code manage-keys} role, always within their own desk:
 * {@code POST /keys} creates a key and shows its token once, {@code GET /keys} lists the desk's keys (never a
 * secret or hash), {@code DELETE /keys/{keyId}} revokes one.
 */
public final class KeyRoutes {

    private static final Pattern KEY_ID = Pattern.compile("[A-Za-z0-9-]{1,64}");

    private final KeyRegistry registry;
    private final Authenticator authenticator;

    public KeyRoutes(KeyRegistry registry, Authenticator authenticator) {
        this.registry = registry;
        this.authenticator = authenticator;
    }

    public void register(RoutesConfig routes) {
        routes.post("/keys", this::create);
        routes.get("/keys", this::list);
        routes.delete("/keys/{keyId}", this::revoke);
    }

    /** Request body of {@code POST /keys}. */
    public record NewKey(String keyId, List<String> roles) {
    }

    /** Answer to {@code POST /keys}: the only time the token is shown. */
    public record CreatedKey(String keyId, String desk, List<String> roles, String token) {
    }

    /** One key in {@code GET /keys}. */
    public record KeyView(String keyId, String desk, List<String> roles, String origin) {
    }

    private void create(Context ctx) {
        Editor editor = manager(ctx);
        NewKey request = ctx.bodyValidator(NewKey.class).get();
        if (request.keyId() == null || !KEY_ID.matcher(request.keyId()).matches()) {
            throw ProblemException.unprocessable("keyId must be 1-64 letters, digits or dashes",
                List.of(new io.newsflow.platform.http.Problem.FieldError("keyId", "must be 1-64 letters, digits or dashes")));
        }
        Set<Role> roles = EnumSet.noneOf(Role.class);
        for (String role : request.roles() == null ? List.<String>of() : request.roles()) {
            try {
                roles.add(Role.parse(role));
            } catch (IllegalArgumentException e) {
                throw ProblemException.unprocessable("Unknown role '" + role + "'; roles are push, update, kill, reinstate, manage-keys",
                    List.of(new io.newsflow.platform.http.Problem.FieldError("roles", "unknown role " + role)));
            }
        }
        if (roles.isEmpty()) {
            throw ProblemException.unprocessable("A key needs at least one role",
                List.of(new io.newsflow.platform.http.Problem.FieldError("roles", "is empty")));
        }
        // Managing keys is not a master key: a desk's manager hands out only what it may do itself.
        List<String> lacking = roles.stream().filter(role -> !editor.may(role)).map(Role::wireName).sorted().toList();
        if (!lacking.isEmpty()) {
            throw new ProblemException(403, "Forbidden", "Key " + editor.keyId() + " may grant only roles it holds; it lacks "
                + String.join(", ", lacking));
        }
        try {
            String token = registry.create(editor, request.keyId(), roles);
            ctx.status(201).json(new CreatedKey(request.keyId(), editor.desk(), roles.stream().map(Role::wireName).toList(), token));
        } catch (IllegalArgumentException e) {
            throw new ProblemException(409, "Conflict", e.getMessage());
        } catch (KeyRegistry.KeyStoreUnavailableException e) {
            throw unavailable(ctx, e);
        }
    }

    private void list(Context ctx) {
        Editor editor = manager(ctx);
        ctx.json(registry.ofDesk(editor.desk()).stream()
            .map(key -> new KeyView(key.keyId(), key.desk(), key.roles().stream().map(Role::wireName).sorted().toList(),
                registry.isConfigured(key.keyId()) ? "configuration" : "api"))
            .toList());
    }

    private void revoke(Context ctx) {
        Editor editor = manager(ctx);
        String keyId = ctx.pathParam("keyId");
        boolean ownDesk = registry.ofDesk(editor.desk()).stream().anyMatch(key -> key.keyId().equals(keyId));
        if (!ownDesk) {
            throw new ProblemException(403, "Forbidden", "This key's desk (" + editor.desk() + ") has no key '" + keyId + "' to revoke");
        }
        try {
            registry.revoke(keyId);
        } catch (KeyRegistry.KeyStoreUnavailableException e) {
            throw unavailable(ctx, e);
        } catch (IllegalStateException e) {
            throw new ProblemException(409, "Conflict", e.getMessage());
        }
        ctx.status(204);
    }

    private static ProblemException unavailable(Context ctx, KeyRegistry.KeyStoreUnavailableException e) {
        ctx.header("Retry-After", "5");
        return new ProblemException(503, "Service Unavailable", "Kafka is not reachable: " + e.getMessage()
            + ". Retry the same request.");
    }

    private Editor manager(Context ctx) {
        Editor editor = authenticator.editor(ctx);
        if (!editor.may(Role.MANAGE_KEYS)) {
            throw new ProblemException(403, "Forbidden", "Key " + editor.keyId() + " lacks the 'manage-keys' role");
        }
        return editor;
    }
}
