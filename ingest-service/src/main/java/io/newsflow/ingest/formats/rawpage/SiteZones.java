package io.newsflow.ingest.formats.rawpage;

import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Which time zone each site prints its dates in. Pages carry local wall-clock times without an offset,
 * so the zone has to come from configuration; sites not listed use the fallback.
 *
 * @param bySite   site name, as printed on the first line of the page, to its zone
 * @param fallback the zone of every other site
 */
public record SiteZones(Map<String, ZoneId> bySite, ZoneId fallback) {

    /** The zone Ukrainian sites print their times in. */
    public static final ZoneId KYIV = kyiv();

    public SiteZones {
        bySite = Map.copyOf(Objects.requireNonNull(bySite, "bySite"));
        Objects.requireNonNull(fallback, "fallback");
    }

    /** No per-site overrides; every site is read in Kyiv time. */
    public static SiteZones defaults() {
        return new SiteZones(Map.of(), KYIV);
    }

    /**
     * The zone for a site. Names are matched exactly first and then ignoring case and surrounding or
     * repeated spaces, because the site line is scraped text and its spacing and casing vary.
     */
    public ZoneId zoneFor(String site) {
        if (site == null) {
            return fallback;
        }
        ZoneId exact = bySite.get(site);
        if (exact != null) {
            return exact;
        }
        String wanted = loose(site);
        return bySite.entrySet().stream()
            .filter(e -> loose(e.getKey()).equals(wanted))
            .map(Map.Entry::getValue)
            .findFirst()
            .orElse(fallback);
    }

    private static String loose(String name) {
        return name.strip().replaceAll("\\s+", " ").toLowerCase(Locale.ROOT);
    }

    // tzdata renamed Europe/Kiev to Europe/Kyiv in 2022b; a JVM with older tzdata only knows the old id.
    private static ZoneId kyiv() {
        try {
            return ZoneId.of("Europe/Kyiv");
        } catch (DateTimeException e) {
            return ZoneId.of("Europe/Kiev");
        }
    }
}
