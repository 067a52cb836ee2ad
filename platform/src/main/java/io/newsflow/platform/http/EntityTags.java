package io.newsflow.platform.http;

import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;
import java.util.zip.CRC32C;

/**
 * Strong entity tags ({@code ETag}) for response bodies: the body's length and two independent 32-bit checksums
 * of it, CRC-32C and CRC-32.
 *
 * <p>An entity tag only has to change whenever the body does; it is not a security check. Both checksums run on
 * the CPU's CRC instructions through JDK intrinsics, so tagging a 28 KB feed page costs a few microseconds. A
 * SHA-256 of the same page took a fifth of feed-service's CPU per request (docs/benchmarks.md), because this JDK
 * computes it in Java. Two different bodies of the same length share a tag with odds of about 2^-64.
 */
public final class EntityTags {

    private EntityTags() {
    }

    /** The quoted strong entity tag of a body sent as UTF-8, e.g. {@code "6fa2-1c0ffee0deadbeef"}. */
    public static String of(String body) {
        return of(body.getBytes(StandardCharsets.UTF_8));
    }

    /** The quoted strong entity tag of these body bytes. */
    public static String of(byte[] body) {
        CRC32C castagnoli = new CRC32C();
        castagnoli.update(body);
        CRC32 ieee = new CRC32();
        ieee.update(body);
        return "\"" + Integer.toHexString(body.length) + "-" + hex8(castagnoli.getValue()) + hex8(ieee.getValue()) + "\"";
    }

    private static String hex8(long unsigned32) {
        String hex = Long.toHexString(unsigned32);
        return "0".repeat(8 - hex.length()) + hex;
    }
}
