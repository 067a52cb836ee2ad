package io.newsflow.ingest.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A stored API key: its public id, desk, roles and the SHA-256 of the whole token. Tokens look like
 * {@code nfk_<keyId>_<secret>}; the id lets the server find the entry without scanning, and the secret is
 * 32 random bytes, so a plain SHA-256 (no slow KDF) is enough to make a leaked key file useless.
 */
public record ApiKey(String keyId, String desk, Set<Role> roles, String sha256) {

    private static final Pattern TOKEN = Pattern.compile("nfk_([A-Za-z0-9-]{1,64})_([A-Za-z0-9_-]{16,128})");
    private static final SecureRandom RANDOM = new SecureRandom();

    public ApiKey {
        roles = Set.copyOf(roles);
    }

    /** The key id inside a presented token, if it has the right shape. */
    public static Optional<String> keyIdOf(String token) {
        Matcher matcher = TOKEN.matcher(token);
        return matcher.matches() ? Optional.of(matcher.group(1)) : Optional.empty();
    }

    /** A new random token for a key id; shown to its owner once and never stored. */
    public static String newToken(String keyId) {
        byte[] secret = new byte[32];
        RANDOM.nextBytes(secret);
        return "nfk_" + keyId + "_" + Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
    }

    public static String hash(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is always available", e);
        }
    }

    /** Constant-time comparison, so response timing does not reveal how much of a hash matched. */
    public boolean matches(String token) {
        return MessageDigest.isEqual(hash(token).getBytes(StandardCharsets.US_ASCII), sha256.getBytes(StandardCharsets.US_ASCII));
    }

    public Editor editor() {
        return new Editor(keyId, desk, roles);
    }
}
