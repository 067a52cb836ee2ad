package io.newsflow.ingest.formats.rawpage;

import java.time.LocalTime;
import java.util.Objects;

/**
 * One entry of the "News" sidebar printed next to the story: the local time it was posted, an optional
 * label (as printed, e.g. {@code OPINION}) and its headline. The sidebar is page chrome, but it is kept
 * because it lists the site's other stories of the day.
 *
 * @param time     the {@code HH:MM} printed above the headline, in the site's local time
 * @param label    the label line between the time and the headline, or {@code null} when there is none
 * @param headline the headline, never blank
 */
public record SidebarItem(LocalTime time, String label, String headline) {

    public SidebarItem {
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(headline, "headline");
        if (headline.isBlank()) {
            throw new IllegalArgumentException("headline must not be blank");
        }
        if (label != null && label.isBlank()) {
            // A blank label is the same as no label; normalising here keeps equals() meaningful.
            label = null;
        }
    }
}
