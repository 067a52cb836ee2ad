package io.newsflow.ingest.auth;

import java.util.Locale;

/** What an editor's key allows. */
public enum Role {
    /** Publish a story id that does not exist yet. */
    PUSH,
    /** Publish a new version of an existing story of the key's desk. */
    UPDATE,
    /** Withdraw a story for good ({@code pubStatus=canceled}). */
    KILL,
    /** Bring a killed story back. */
    REINSTATE,
    /** Create, list and revoke keys of the key's own desk. */
    MANAGE_KEYS,
    /** Add, change or remove entities of the linking dictionary (shared by all desks). */
    EDIT_DICTIONARY;

    public static Role parse(String name) {
        return valueOf(name.trim().toUpperCase(Locale.ROOT).replace('-', '_'));
    }

    public String wireName() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
