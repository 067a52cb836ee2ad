package io.newsflow.ingest.formats.rawpage;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Objects;

/**
 * A story recovered from a raw scraped page: everything the page says about the story itself, with the
 * page chrome removed, plus the sidebar of the site's other stories.
 *
 * @param site           the site name from the first line, e.g. {@code Espreso. Global}
 * @param labels         label lines between the site name and the headline, as printed (e.g. {@code OPINION})
 * @param headline       the headline
 * @param publishedLocal the date and time lines, as the site's local wall-clock time
 * @param zone           the zone the local time was read in (see {@link SiteZones})
 * @param publishedAt    {@code publishedLocal} in {@code zone} as an instant
 * @param body           the body paragraphs joined by a blank line; no chrome, tags or sidebar
 * @param tags           the lines under {@code Tags:}, possibly empty
 * @param readAlso       the headline under {@code Read also:}, or {@code null} when the page has none
 * @param sidebar        the sidebar items in page order, possibly empty
 */
public record ParsedPage(String site, List<String> labels, String headline, LocalDateTime publishedLocal, ZoneId zone,
                         Instant publishedAt, String body, List<String> tags, String readAlso,
                         List<SidebarItem> sidebar) {

    public ParsedPage {
        Objects.requireNonNull(site, "site");
        labels = List.copyOf(Objects.requireNonNull(labels, "labels"));
        Objects.requireNonNull(headline, "headline");
        Objects.requireNonNull(publishedLocal, "publishedLocal");
        Objects.requireNonNull(zone, "zone");
        Objects.requireNonNull(publishedAt, "publishedAt");
        Objects.requireNonNull(body, "body");
        tags = List.copyOf(Objects.requireNonNull(tags, "tags"));
        sidebar = List.copyOf(Objects.requireNonNull(sidebar, "sidebar"));
    }

    /** The body split back into its paragraphs. */
    public List<String> paragraphs() {
        return List.of(body.split("\n\n"));
    }
}
