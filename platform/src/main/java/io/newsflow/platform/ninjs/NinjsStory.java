package io.newsflow.platform.ninjs;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

import io.newsflow.schemas.ArticlePublished;
import io.newsflow.schemas.PubStatus;

/**
 * What Newsflow takes from a ninjs document, already checked and normalised by {@link NinjsReader}.
 *
 * @param id           story id: the ninjs {@code uri}, unwrapped when it is a URI Newsflow minted itself
 * @param version      ninjs {@code version} as a number, 1 or more; {@code null} when the document has none, so
 *                     that the receiver numbers it (the next version of the story)
 * @param source       the site or wire: {@code infosources[0].name}, else {@code copyrightholder}
 * @param language     BCP 47 tag, normalised ({@code en-gb} becomes {@code en-GB})
 * @param headline     the main headline as one line of plain text
 * @param body         plain text, paragraphs separated by a blank line
 * @param byline       {@code by} (2.x) or {@code byline} (1.x); {@code null} when absent
 * @param labels       genre names, trimmed and distinct, in document order
 * @param urgency      1 (flash) to 9; 5 when the document has none
 * @param pubStatus    ninjs {@code pubstatus}; {@code usable} when absent, as ninjs defines
 * @param embargoUntil ninjs {@code embargoed}; {@code null} when absent
 * @param publishedAt  ninjs {@code versioncreated}, else {@code firstcreated}
 * @param ninjsVersion the ninjs version the document declares (e.g. {@code 2.1}), or the major version its
 *                     shape suggests ({@code 2} or {@code 1}) when it declares none
 */
public record NinjsStory(
    String id,
    Integer version,
    String source,
    String language,
    String headline,
    String body,
    String byline,
    List<String> labels,
    int urgency,
    PubStatus pubStatus,
    Instant embargoUntil,
    Instant publishedAt,
    String ninjsVersion) {

    public NinjsStory {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(language, "language");
        Objects.requireNonNull(headline, "headline");
        Objects.requireNonNull(body, "body");
        Objects.requireNonNull(pubStatus, "pubStatus");
        Objects.requireNonNull(publishedAt, "publishedAt");
        Objects.requireNonNull(ninjsVersion, "ninjsVersion");
        labels = List.copyOf(labels);
        if (version != null && version < 1) {
            throw new IllegalArgumentException("version must be 1 or more: " + version);
        }
        if (urgency < 1 || urgency > 9) {
            throw new IllegalArgumentException("urgency must be 1 to 9: " + urgency);
        }
    }

    /**
     * The story as the record ingest-service publishes, version 1 when the document has none; optional fields ninjs
     * does not carry keep their defaults.
     */
    public ArticlePublished toArticlePublished(Instant ingestedAt) {
        return ArticlePublished.newBuilder()
            .setId(id)
            .setVersion(version == null ? 1 : version)
            .setSource(source)
            .setLanguage(language)
            .setHeadline(headline)
            .setBody(body)
            .setByline(byline)
            .setLabels(labels)
            .setUrgency(urgency)
            .setPubStatus(pubStatus)
            .setEmbargoUntil(embargoUntil)
            .setPublishedAt(publishedAt)
            .setIngestedAt(Objects.requireNonNull(ingestedAt, "ingestedAt"))
            .build();
    }
}
