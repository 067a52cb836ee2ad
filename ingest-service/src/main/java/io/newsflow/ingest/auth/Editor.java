package io.newsflow.ingest.auth;

import java.util.EnumSet;
import java.util.Set;

/** Who is making a request: the key's id (never its secret), its desk and its roles. */
public record Editor(String keyId, String desk, Set<Role> roles) {

    /** The identity every request has when authentication is switched off (dev mode only). */
    public static final Editor UNAUTHENTICATED_DEV = new Editor("auth-off", "dev", EnumSet.allOf(Role.class));

    public Editor {
        roles = roles.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(roles));
    }

    public boolean may(Role role) {
        return roles.contains(role);
    }
}
