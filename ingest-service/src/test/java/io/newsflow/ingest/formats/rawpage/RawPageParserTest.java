package io.newsflow.ingest.formats.rawpage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

class RawPageParserTest {

    private static final ZoneId KYIV = ZoneId.of("Europe/Kyiv");

    private final RawPageParser parser = new RawPageParser(SiteZones.defaults());

    @Test
    void readsAPageWithTwoLabelsChromeBetweenParagraphsAndNonBreakingSpaces() throws Exception {
        // Given a page with two labels, trailing and non-breaking spaces, template keys and a share bar
        String raw = page("two-labels.txt");
        assertThat(raw).contains("\u00a0");

        // When it is parsed
        ParsedPage page = parser.parse(raw);

        // Then every field is recovered and no chrome leaks into the body
        assertThat(page.site()).isEqualTo("Dnipro Dispatch. World");
        assertThat(page.labels()).containsExactly("Exclusive", "OPINION");
        assertThat(page.headline()).isEqualTo("Volunteers rebuild a village school in Kharkiv region before the winter term");
        assertThat(page.publishedLocal()).isEqualTo(LocalDateTime.of(2024, 10, 21, 17, 56));
        assertThat(page.zone()).isEqualTo(KYIV);
        assertThat(page.publishedAt()).isEqualTo(Instant.parse("2024-10-21T14:56:00Z")); // EEST, UTC+3
        assertThat(page.body()).isEqualTo(
            "Volunteers from three cities finished repairing the roof of the school in Zalizne on Monday, local "
                + "officials said, so that about 140 pupils can return to their classrooms in November.\n\n"
                + "The building was damaged by a missile strike in the spring of 2023. Gen. Serhii Marchenko, who heads "
                + "the regional civil protection service, said the work cost about 2.5 million hryvnias and was paid for "
                + "by donors from the U.S. and Poland.\n\n"
                + "\"Children need a place that feels normal,\" said headteacher Olena Bondar. She added that the "
                + "basement would serve as a shelter during air-raid alerts.");
        assertThat(page.tags()).containsExactly("Kharkiv region", "Education", "Volunteers");
        assertThat(page.readAlso()).isEqualTo("Donors pledge new funds for schools near the front");
        assertThat(page.sidebar()).containsExactly(
            new SidebarItem(LocalTime.of(18, 40), "Updated", "Power restored to most of the city after overnight strike"),
            new SidebarItem(LocalTime.of(18, 12), null, "Farmers count the cost of a dry autumn"),
            new SidebarItem(LocalTime.of(17, 58), "OPINION", "Why small towns need their own shelters"));
    }

    @Test
    void readsAPageWithoutLabelsWithCrlfLineEndingsAndBulletedSentences() throws Exception {
        // Given a page saved with Windows line endings and no label line
        String raw = page("no-label-crlf.txt");
        assertThat(raw).contains("\r\n");

        // When it is parsed
        ParsedPage page = parser.parse(raw);

        // Then labels are empty, chrome (follow button, photo credit) is dropped and bulleted sentences stay
        assertThat(page.site()).isEqualTo("Podillia Times");
        assertThat(page.labels()).isEmpty();
        assertThat(page.headline()).isEqualTo("Vinnytsia city council approves budget for new bomb shelters");
        assertThat(page.publishedLocal()).isEqualTo(LocalDateTime.of(2025, 2, 3, 9, 5));
        assertThat(page.publishedAt()).isEqualTo(Instant.parse("2025-02-03T07:05:00Z")); // EET, UTC+2
        assertThat(page.paragraphs()).containsExactly(
            "Vinnytsia city council on Monday approved spending of 180 million hryvnias on new shelters this year, "
                + "the mayor's office said.",
            "Most of the money will be spent in three ways:",
            "• The largest share will go to shelters at schools and kindergartens.",
            "• The rest will pay for shelters in hospitals and at tram depots.",
            "Deputies said the first contracts would be signed in March. \"We cannot wait for another winter,\" one "
                + "of them told reporters.");
        assertThat(page.body()).doesNotContain("\r");
        assertThat(page.tags()).containsExactly("Vinnytsia", "Shelters");
        assertThat(page.readAlso()).isEqualTo("How schools in the west prepare for air-raid alerts");
        assertThat(page.sidebar()).containsExactly(
            new SidebarItem(LocalTime.of(9, 30), null, "Trains on the Kyiv line run late after power cut"),
            new SidebarItem(LocalTime.of(9, 12), "Review", "A week of repairs to the energy grid"),
            new SidebarItem(LocalTime.of(8, 55), "Exclusive", "Rescuers describe the night shift in a frontline town"));
    }

    @Test
    void readsAPagePublishedJustAfterTheSpringClockChangeWithASidebarThatCrossesMidnight() throws Exception {
        // Given a page from the morning Kyiv moved from UTC+2 to UTC+3 (03:00 became 04:00 on 31 March 2024)
        ParsedPage page = parser.parse(page("dst-spring-forward.txt"));

        // Then the instant uses summer time, and the second sidebar date header is not taken for an item
        assertThat(page.site()).isEqualTo("Carpathian Wire. EN");
        assertThat(page.labels()).containsExactly("Updated");
        assertThat(page.headline()).isEqualTo("Clocks go forward as drones target energy sites in the west");
        assertThat(page.publishedLocal()).isEqualTo(LocalDateTime.of(2024, 3, 31, 5, 20));
        assertThat(page.publishedAt()).isEqualTo(Instant.parse("2024-03-31T02:20:00Z"));
        assertThat(page.paragraphs()).hasSize(3);
        assertThat(page.paragraphs().get(1)).isEqualTo("According to the regional administration, debris damaged a "
            + "substation near Stryi. No. 2 transformer was switched off as a precaution, and about 4,000 households "
            + "were briefly left without power.");
        assertThat(page.paragraphs().get(2))
            .isEqualTo("Repair crews restored supply by 05:00 local time. Officials asked residents to follow alerts on the official app.");
        assertThat(page.tags()).containsExactly("Lviv region", "Energy");
        assertThat(page.readAlso()).isEqualTo("Engineers explain how substations are protected");
        assertThat(page.sidebar()).containsExactly(
            new SidebarItem(LocalTime.of(5, 10), "Updated", "Air-raid alert lifted in most regions"),
            new SidebarItem(LocalTime.of(4, 5), null, "Drone debris falls near a village school"),
            new SidebarItem(LocalTime.of(23, 48), null, "Railway adds night trains for the spring holidays"),
            new SidebarItem(LocalTime.of(23, 30), "Review", "What the week's sanctions mean for shipping"));
    }

    @Test
    void readsAPageWithoutTagsWithAnInlineReadAlsoAndTheTimeOnTheDateLine() throws Exception {
        ParsedPage page = parser.parse(page("sparse-no-tags.txt"));

        assertThat(page.site()).isEqualTo("Siver News");
        assertThat(page.labels()).isEmpty();
        assertThat(page.headline()).isEqualTo("Border guards report quiet night in Chernihiv region");
        assertThat(page.publishedLocal()).isEqualTo(LocalDateTime.of(2023, 11, 14, 7, 45));
        assertThat(page.publishedAt()).isEqualTo(Instant.parse("2023-11-14T05:45:00Z"));
        assertThat(page.body()).isEqualTo("No shelling was recorded overnight along the border in Chernihiv region, "
            + "the State Border Guard Service said on Tuesday.\n\nIt was the first quiet night in more than a week, "
            + "the service added.");
        assertThat(page.tags()).isEmpty();
        assertThat(page.readAlso()).isEqualTo("Sumy region prepares heating points for winter");
        assertThat(page.sidebar()).containsExactly(
            new SidebarItem(LocalTime.of(7, 30), "Exclusive", "Inside a border guard post in the north"),
            new SidebarItem(LocalTime.of(7, 2), null, "Morning briefing: what happened overnight"));
    }

    @Test
    void dropsAReadAlsoPromoFromTheBodyAndKeepsItWhenTheFooterHasNone() throws Exception {
        String raw = "Siver News\nBorder guards report quiet night\n14 November, 2023 Tuesday\n07:45\n\n"
            + "No shelling was recorded overnight.\n\nRead also: Sumy region prepares heating points\n\n"
            + "The service said the night was calm.\n\nTags:\nBorder\n";

        ParsedPage page = parser.parse(raw);

        assertThat(page.paragraphs()).containsExactly("No shelling was recorded overnight.", "The service said the night was calm.");
        assertThat(page.readAlso()).isEqualTo("Sumy region prepares heating points");
        assertThat(page.tags()).containsExactly("Border");
        assertThat(page.sidebar()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"\r\n", "\r"})
    void lineEndingsDoNotChangeTheResult(String lineEnding) throws Exception {
        String raw = page("two-labels.txt");

        assertThat(parser.parse(raw.replace("\n", lineEnding))).isEqualTo(parser.parse(raw));
    }

    @ParameterizedTest(name = "{0} {1} Kyiv is {2}")
    @CsvSource({
        // spring forward: 03:00 EET became 04:00 EEST on 31 March 2024
        "'31 March, 2024 Sunday',   02:59, 2024-03-31T00:59:00Z",
        "'31 March, 2024 Sunday',   04:00, 2024-03-31T01:00:00Z",
        // 03:30 does not exist that day; java.time moves it forward by the one-hour gap
        "'31 March, 2024 Sunday',   03:30, 2024-03-31T01:30:00Z",
        // fall back: 04:00 EEST became 03:00 EET on 27 October 2024; 03:30 happens twice, the earlier is taken
        "'27 October, 2024 Sunday', 02:30, 2024-10-26T23:30:00Z",
        "'27 October, 2024 Sunday', 03:30, 2024-10-27T00:30:00Z",
        "'27 October, 2024 Sunday', 04:30, 2024-10-27T02:30:00Z",
    })
    void convertsLocalTimesAcrossDaylightSavingChanges(String dateLine, String timeLine, String expected)
        throws Exception {
        ParsedPage page = parser.parse(minimalPage(dateLine, timeLine));

        assertThat(page.publishedAt()).isEqualTo(Instant.parse(expected));
    }

    @Test
    void usesTheZoneConfiguredForTheSiteIgnoringCaseAndSpacing() throws Exception {
        ZoneId warsaw = ZoneId.of("Europe/Warsaw");
        RawPageParser configured = new RawPageParser(new SiteZones(Map.of("dnipro  dispatch. WORLD", warsaw), KYIV));

        ParsedPage page = configured.parse(page("two-labels.txt"));

        assertThat(page.zone()).isEqualTo(warsaw);
        assertThat(page.publishedAt()).isEqualTo(Instant.parse("2024-10-21T15:56:00Z")); // CEST, UTC+2
        assertThat(configured.parse(page("no-label-crlf.txt")).zone()).isEqualTo(KYIV);
    }

    // ---- errors ------------------------------------------------------------------------------------------

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {"", "   ", "\r\n\r\n  \u00a0 \n"})
    void rejectsAnEmptyPage(String raw) {
        assertThat(failure(raw)).hasMessage("empty page: the text has no lines to parse");
    }

    @Test
    void rejectsAPageWithoutADateLine() {
        String raw = minimalPage("Monday", "17:56");

        RawPageException e = failure(raw);

        assertThat(e).hasMessage("no date line like '21 October, 2024 Monday' after the headline");
    }

    @Test
    void pointsAtADateLineWhoseMonthIsNotEnglish() {
        RawPageException e = failure(minimalPage("21 Zhovtnia, 2024 Monday", "17:56"));

        assertThat(e).hasMessage("no date line like '21 October, 2024 Monday' after the headline "
            + "(line 3 '21 Zhovtnia, 2024 Monday' has no English month name)");
        assertThat(e.lineNumber()).hasValue(3);
    }

    @Test
    void rejectsADateThatIsNotOnTheCalendar() {
        assertThat(failure(minimalPage("30 February, 2024 Friday", "17:56")))
            .hasMessage("date line '30 February, 2024 Friday' at line 3 is not a calendar date");
    }

    @Test
    void rejectsADateLineWhoseWeekdayContradictsTheDate() {
        assertThat(failure(minimalPage("21 October, 2024 Tuesday", "17:56")))
            .hasMessage("date line '21 October, 2024 Tuesday' at line 3 names Tuesday but 2024-10-21 is a Monday");
    }

    @Test
    void rejectsAPageWithoutAHeadline() {
        String raw = "Siver News\n\n14 November, 2023 Tuesday\n07:45\n\nNo shelling was recorded overnight.\n";

        RawPageException e = failure(raw);

        assertThat(e).hasMessage("no headline between the site name 'Siver News' (line 1) and the date line (line 3)");
        assertThat(e.lineNumber()).hasValue(3);
    }

    @Test
    void rejectsAPageWhoseOnlyLineBeforeTheDateIsALabel() {
        String raw = "Siver News\nExclusive\n\n14 November, 2023 Tuesday\n07:45\n\nNo shelling was recorded overnight.\n";

        assertThat(failure(raw)).hasMessage(
            "no headline: line 2 'Exclusive' is a label, and no headline follows it before the date line (line 4)");
    }

    @Test
    void rejectsAPageThatStartsWithTheDate() {
        assertThat(failure("14 November, 2023 Tuesday\n07:45\nNo shelling was recorded overnight."))
            .hasMessage("no site name and headline: the page starts with the date line '14 November, 2023 Tuesday' at line 1");
    }

    @Test
    void rejectsAPageWithoutBodyParagraphs() {
        String raw = "Siver News\n\nBorder guards report quiet night\n\n14 November, 2023 Tuesday\n07:45\n\n"
            + "client/title.list_title\n\nShare: Facebook | Telegram\n\nTags:\nBorder\n";

        RawPageException e = failure(raw);

        assertThat(e).hasMessage("no body: there are no story paragraphs between the time line (line 6) and 'Tags:' (line 12)");
        assertThat(e.lineNumber()).hasValue(6);
    }

    @ParameterizedTest
    @ValueSource(strings = {"25:61", "17.56", "5:56 PM", "1756", "17:5"})
    void rejectsAMalformedTimeLine(String time) {
        RawPageException e = failure(minimalPage("21 October, 2024 Monday", time));

        assertThat(e).hasMessage("malformed time line '" + time + "' at line 4: expected a 24-hour time like '17:56'");
        assertThat(e.lineNumber()).hasValue(4);
    }

    @Test
    void rejectsAPageWithoutATimeLine() {
        String raw = "Siver News\nBorder guards report quiet night\n14 November, 2023 Tuesday\n"
            + "No shelling was recorded overnight along the border in Chernihiv region.\n";

        assertThat(failure(raw)).hasMessage("no time line like '17:56' after the date line (line 3); line 4 is "
            + "'No shelling was recorded overnight along the border in Ch...'");
    }

    @Test
    void rejectsAPageThatEndsAtTheDateLine() {
        assertThat(failure("Siver News\nBorder guards report quiet night\n14 November, 2023 Tuesday\n"))
            .hasMessage("no time line like '17:56' after the date line (line 3): the page ends there");
    }

    // ---- helpers -----------------------------------------------------------------------------------------

    private RawPageException failure(String raw) {
        RawPageException e = catchThrowableOfType(RawPageException.class, () -> parser.parse(raw));
        assertThat(e).as("expected a RawPageException").isNotNull();
        return e;
    }

    private static String minimalPage(String dateLine, String timeLine) {
        return String.join("\n", List.of("Siver News", "Border guards report quiet night", dateLine, timeLine, "",
            "No shelling was recorded overnight, the service said.", "", "Tags:", "Border", ""));
    }

    private static String page(String name) {
        try (InputStream in = RawPageParserTest.class.getResourceAsStream("/rawpages/" + name)) {
            assertThat(in).as("test page %s", name).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
