package io.newsflow.ingest.editorial;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;

import io.newsflow.schemas.ArticlePublished;

/**
 * Fingerprint of a version's editorial content: everything an editor sets, nothing the pipeline adds
 * (version, ingest time, the automatic "Updated" label). Two pushes with the same fingerprint are the
 * same story version.
 */
final class ContentHash {

    private ContentHash() {
    }

    static String of(ArticlePublished content) {
        List<Object> parts = List.of(content.getId(), content.getSource(), content.getLanguage(), content.getHeadline(),
            content.getBody(), Objects.toString(content.getByline(), ""), String.join("\u001f", content.getLabels()),
            content.getUrgency(), content.getPubStatus().name(), Objects.toString(content.getEmbargoUntil(), ""),
            content.getPublishedAt().toString(), Objects.toString(content.getEditorNote(), ""));
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            for (Object part : parts) {
                digest.update(part.toString().getBytes(StandardCharsets.UTF_8));
                digest.update((byte) 0x1e);
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is always available", e);
        }
    }
}
