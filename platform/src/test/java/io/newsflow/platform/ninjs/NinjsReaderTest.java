package io.newsflow.platform.ninjs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.function.Consumer;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.newsflow.platform.http.Problem.FieldError;
import io.newsflow.schemas.ArticlePublished;
import io.newsflow.schemas.PubStatus;

class NinjsReaderTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final NinjsReader reader = new NinjsReader();

    @Test
    void readsNinjs21WithPlainTextBody() throws Exception {
        NinjsStory story = reader.read(resource("story-2.1-plain.json"));

        assertThat(story.id()).isEqualTo("urn:newsml:ukraine-ledger.example:20241021:nato-air-defence");
        assertThat(story.version()).isEqualTo(3);
        assertThat(story.source()).isEqualTo("ukraine-ledger");
        assertThat(story.language()).isEqualTo("en-GB");
        // role main wins over the first headline; whitespace collapsed to one line
        assertThat(story.headline()).isEqualTo("NATO pledges more air defence for Ukraine");
        // text/plain (with a charset parameter) is preferred over text/html; CRLF and blank-line runs normalised
        assertThat(story.body()).isEqualTo("""
            BRUSSELS - NATO defence ministers agreed on Monday to send more air defence systems to Ukraine.

            The pledge follows weeks of strikes on power plants.

            Lloyd Austin said more would follow.""");
        assertThat(story.byline()).isEqualTo("Olena Marchenko, Brussels correspondent");
        assertThat(story.labels()).containsExactly("Exclusive", "Updated");
        assertThat(story.urgency()).isEqualTo(3);
        assertThat(story.pubStatus()).isEqualTo(PubStatus.usable);
        assertThat(story.embargoUntil()).isEqualTo(Instant.parse("2024-10-21T09:00:00Z"));
        // versioncreated, not firstcreated
        assertThat(story.publishedAt()).isEqualTo(Instant.parse("2024-10-21T08:45:30Z"));
        assertThat(story.ninjsVersion()).isEqualTo("2.1");
    }

    @Test
    void readsNinjs20WithHtmlBodyAndGenres() throws Exception {
        NinjsStory story = reader.read(resource("story-2.0-html.json"));

        assertThat(story.id()).isEqualTo("https://texas-metro.example/news/2024/10/council-transit");
        assertThat(story.version()).isEqualTo(1);
        assertThat(story.source()).isEqualTo("Texas Metro"); // copyrightholder when there are no infosources
        assertThat(story.language()).isEqualTo("en-US");
        assertThat(story.headline()).isEqualTo("Council backs Austin transit plan \u2014 again");
        assertThat(story.body()).isEqualTo("""
            Council vote

            AUSTIN \u2013 The city council voted 9\u20132 on Monday to back the Project Connect plan.

            Fares stay at $1.25 & passes at $41.25.
            Rail opens in 2033.

            Critics say costs <p> keep rising > 20% a year &unknown; if x < y.

            Phase one: 2033

            Phase two: 2040""");
        assertThat(story.byline()).isNull();
        assertThat(story.labels()).containsExactly("Opinion", "Analysis", "Review");
        assertThat(story.urgency()).isEqualTo(5);
        assertThat(story.pubStatus()).isEqualTo(PubStatus.withheld);
        assertThat(story.embargoUntil()).isNull();
        assertThat(story.publishedAt()).isEqualTo(Instant.parse("2024-10-21T19:05:00Z")); // firstcreated
        assertThat(story.ninjsVersion()).isEqualTo("2.0");
    }

    @Test
    void toleratesNinjs1Shapes() throws Exception {
        NinjsStory story = reader.read(resource("story-1.x.json"));

        assertThat(story.id()).isEqualTo("uledger-2024-10-21-north-korean-troops"); // Newsflow's own tag URI unwrapped
        assertThat(story.version()).isEqualTo(2);
        assertThat(story.source()).isEqualTo("ukraine-ledger");
        assertThat(story.language()).isEqualTo("uk");
        assertThat(story.headline()).isEqualTo("Північнокорейські війська в Курській області");
        assertThat(story.body()).isEqualTo("Перший абзац.\n\nДругий абзац.");
        assertThat(story.byline()).isEqualTo("Ukraine Ledger staff");
        assertThat(story.labels()).containsExactly("Exclusive");
        assertThat(story.urgency()).isEqualTo(2);
        assertThat(story.pubStatus()).isEqualTo(PubStatus.canceled);
        assertThat(story.publishedAt()).isEqualTo(Instant.parse("2024-10-21T06:10:00Z"));
        assertThat(story.ninjsVersion()).isEqualTo("1");
    }

    @Test
    void readsDeclaredVersionsFromEveryPlaceNinjsPutsThem() throws Exception {
        assertThat(reader.read(valid(d -> d.putObject("$standard").put("version", "1.5"))).ninjsVersion()).isEqualTo("1.5");
        assertThat(reader.read(valid(d -> d.put("$schema", "https://www.iptc.org/std/ninjs/ninjs-schema_2.1.json")))
            .ninjsVersion()).isEqualTo("2.1");
        assertThat(reader.read(valid(d -> d.put("profile", "http://www.iptc.org/std/ninjs/ninjs-schema_2.0.json#")))
            .ninjsVersion()).isEqualTo("2.0");
        assertThat(reader.read(valid(d -> d.putObject("standard").put("name", "ninjs").put("version", "2.2.0")))
            .ninjsVersion()).isEqualTo("2.2");
        assertThat(reader.read(valid(d -> d.put("profile", "text-only"))).ninjsVersion()).isEqualTo("2");
    }

    @Test
    void ignoresUnknownPropertiesAndDefaultsOptionalOnes() throws Exception {
        NinjsStory story = reader.read(valid(d -> {
            d.remove("version");
            d.remove("urgency");
            d.remove("pubstatus");
            d.remove("embargoed");
            d.putObject("x-anything").put("nested", true);
            d.putArray("associations").addObject().put("name", "photo").put("uri", "urn:x:1");
        }));
        assertThat(story.version()).as("no version: the receiver numbers it").isNull();
        assertThat(story.toArticlePublished(java.time.Instant.EPOCH).getVersion()).isEqualTo(1);
        assertThat(story.urgency()).isEqualTo(5);
        assertThat(story.pubStatus()).isEqualTo(PubStatus.usable);
        assertThat(story.embargoUntil()).isNull();
    }

    @Test
    void acceptsLenientButUnambiguousValues() throws Exception {
        NinjsStory story = reader.read(valid(d -> {
            d.put("version", 4);                      // a number instead of a string
            d.put("urgency", 2.0);                    // a whole number written as a decimal
            d.put("pubstatus", "Cancelled");          // case and British spelling
            d.putArray("bylines").addObject().put("byline", "A. Writer");
            ((ArrayNode) d.get("bylines")).add("B. Writer");
            d.putArray("genres").addObject().put("uri", "http://cv.iptc.org/newscodes/genre/Opinion/");
        }));
        assertThat(story.version()).isEqualTo(4);
        assertThat(story.urgency()).isEqualTo(2);
        assertThat(story.pubStatus()).isEqualTo(PubStatus.canceled);
        assertThat(story.byline()).isEqualTo("A. Writer, B. Writer");
        assertThat(story.labels()).containsExactly("Opinion");
    }

    @Test
    void picksAnyRoleBodyWhenNoMainOneAndPlainOverHtml() throws Exception {
        NinjsStory story = reader.read(valid(d -> {
            d.putArray("bodies")
                .add(MAPPER.createObjectNode().put("role", "summary").put("contenttype", "text/html").put("value", "<p>Sum</p>"))
                .add(MAPPER.createObjectNode().put("role", "summary").put("value", "Plain summary"));
        }));
        assertThat(story.body()).isEqualTo("Plain summary");
    }

    @Test
    void usesTheDefaultSourceOnlyWhenTheDocumentNamesNone() throws Exception {
        NinjsReader withDefault = new NinjsReader("wire-feed");
        assertThat(withDefault.read(valid(d -> d.remove("infosources"))).source()).isEqualTo("wire-feed");
        assertThat(withDefault.read(valid(d -> {})).source()).isEqualTo("ukraine-ledger");
    }

    @Test
    void convertsToArticlePublished() throws Exception {
        Instant ingestedAt = Instant.parse("2024-10-21T10:00:00Z");
        ArticlePublished article = reader.read(resource("story-2.1-plain.json")).toArticlePublished(ingestedAt);
        assertThat(article.getId()).isEqualTo("urn:newsml:ukraine-ledger.example:20241021:nato-air-defence");
        assertThat(article.getVersion()).isEqualTo(3);
        assertThat(article.getLabels()).containsExactly("Exclusive", "Updated");
        assertThat(article.getIngestedAt()).isEqualTo(ingestedAt);
        assertThat(article.getEmbargoUntil()).isEqualTo(Instant.parse("2024-10-21T09:00:00Z"));
    }

    // --- refusals -------------------------------------------------------------------------------------------

    @Test
    void refusesWhatIsNotAnObject() {
        assertThat(errorsOf(MAPPER.createArrayNode())).containsExactly(new FieldError("", "must be a JSON object (a ninjs document)"));
        assertThatThrownBy(() -> reader.read(null)).isInstanceOf(NinjsException.class);
    }

    @Test
    void refusesADocumentThatIsNotNinjsAtAll() throws Exception {
        JsonNode notNinjs = MAPPER.readTree("{\"id\": \"story-1\", \"title\": \"Hello\", \"body\": \"text\"}");
        assertThat(errorsOf(notNinjs)).containsExactly(
            new FieldError("", "not a ninjs document: it has neither 'uri' nor 'headlines'"));
    }

    @Test
    void refusesNinjs3() {
        assertThat(errorsOf(valid(d -> d.putObject("standard").put("name", "ninjs").put("version", "3.0"))))
            .containsExactly(new FieldError("/standard/version",
                "ninjs 3.0 is not supported; send ninjs 2.x (2.0 or 2.1; 1.x is tolerated)"));
        assertThat(errorsOf(valid(d -> d.put("$schema", "https://www.iptc.org/std/ninjs/ninjs-schema_3.1.json"))))
            .extracting(FieldError::field).containsExactly("/$schema");
    }

    @Test
    void refusesNonTextItems() {
        assertThat(errorsOf(valid(d -> d.put("type", "picture"))))
            .containsExactly(new FieldError("/type", "must be 'text' (or 'composite'): Newsflow takes text stories, not 'picture'"));
        assertThat(errorsOf(valid(d -> d.put("type", 1)))).extracting(FieldError::field).containsExactly("/type");
    }

    @Test
    void requiresAUri() {
        assertThat(errorsOf(valid(d -> d.remove("uri")))).containsExactly(new FieldError("/uri", "is required: the story's identifier"));
        assertThat(errorsOf(valid(d -> d.put("uri", 42)))).containsExactly(new FieldError("/uri", "must be a non-empty string"));
        assertThat(errorsOf(valid(d -> d.put("uri", "  ")))).containsExactly(new FieldError("/uri", "must be a non-empty string"));
        assertThat(errorsOf(valid(d -> d.put("uri", "urn:a b"))))
            .containsExactly(new FieldError("/uri", "must not contain whitespace or control characters"));
        assertThat(errorsOf(valid(d -> d.put("uri", "urn:x:" + "a".repeat(1000)))))
            .containsExactly(new FieldError("/uri", "must be at most 1000 characters"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"v2", "1.1", "-1", "", "two"})
    void refusesNonNumericVersions(String version) {
        assertThat(errorsOf(valid(d -> d.put("version", version))))
            .singleElement()
            .satisfies(error -> {
                assertThat(error.field()).isEqualTo("/version");
                assertThat(error.message()).startsWith("must be a whole number of 1 or more, such as \"3\"; got \"");
            });
    }

    @Test
    void refusesVersionsBelowOneOrTooLargeOrOfTheWrongType() {
        assertThat(errorsOf(valid(d -> d.put("version", "0")))).containsExactly(new FieldError("/version", "must be 1 or more"));
        assertThat(errorsOf(valid(d -> d.put("version", "12345678901"))))
            .containsExactly(new FieldError("/version", "is too large: 12345678901"));
        assertThat(errorsOf(valid(d -> d.put("version", 1.5))))
            .containsExactly(new FieldError("/version", "must be a string of digits such as \"3\""));
    }

    @Test
    void requiresASource() {
        assertThat(errorsOf(valid(d -> d.remove("infosources")))).containsExactly(new FieldError("/infosources",
            "no source: give infosources[0].name (the site or wire) or copyrightholder"));
        assertThat(errorsOf(valid(d -> d.putArray("infosources").addObject().put("role", "originfo"))))
            .extracting(FieldError::field).containsExactly("/infosources");
        assertThat(errorsOf(valid(d -> d.put("infosources", "ukraine-ledger"))))
            .containsExactly(new FieldError("/infosources", "must be an array of {name, role?, uri?, literal?}"));
    }

    @Test
    void requiresALanguageTag() {
        assertThat(errorsOf(valid(d -> d.remove("language"))))
            .containsExactly(new FieldError("/language", "is required: a BCP 47 language tag such as en or uk-UA"));
        assertThat(errorsOf(valid(d -> d.put("language", "English"))))
            .containsExactly(new FieldError("/language", "must be a BCP 47 language tag such as en or uk-UA"));
        assertThat(errorsOf(valid(d -> d.put("language", 7)))).extracting(FieldError::field).containsExactly("/language");
    }

    @Test
    void requiresAHeadline() {
        assertThat(errorsOf(valid(d -> d.putArray("headlines"))))
            .containsExactly(new FieldError("/headlines", "no headline with role 'main' or any value"));
        assertThat(errorsOf(valid(d -> d.putArray("headlines").addObject().put("role", "main").put("value", " <b></b> ")
            .put("contenttype", "text/html"))))
            .containsExactly(new FieldError("/headlines", "no headline with role 'main' or any value"));
        assertThat(errorsOf(valid(d -> d.put("headlines", "Hello"))))
            .containsExactly(new FieldError("/headlines", "must be an array of {role?, contenttype?, value}"));
        assertThat(errorsOf(valid(d -> d.remove("headlines"))))
            .containsExactly(new FieldError("/headlines", "is required: give at least one headline with role 'main'"));
        assertThat(errorsOf(valid(d -> {
            d.remove("headlines");
            d.put("headline", " ");
        }))).containsExactly(new FieldError("/headline", "must not be blank"));
        assertThat(errorsOf(valid(d -> {
            d.remove("headlines");
            d.put("headline", 3);
        }))).containsExactly(new FieldError("/headline", "must be a string"));
    }

    @Test
    void namesTheMalformedEntriesOfHeadlinesAndBodies() {
        assertThat(errorsOf(valid(d -> {
            d.putArray("headlines").add("just text").addObject().put("role", "main").put("value", 5);
            ((ArrayNode) d.get("headlines")).addObject().put("role", "main");
        }))).containsExactly(
            new FieldError("/headlines/0", "must be an object {role?, contenttype?, value}"),
            new FieldError("/headlines/1/value", "must be a string"),
            new FieldError("/headlines/2/value", "is required"),
            new FieldError("/headlines", "no headline with role 'main' or any value"));
    }

    @Test
    void requiresABodyNewsflowCanRead() {
        assertThat(errorsOf(valid(d -> d.remove("bodies"))))
            .containsExactly(new FieldError("/bodies", "is required: give a body with contenttype text/plain or text/html"));
        assertThat(errorsOf(valid(d -> d.putArray("bodies").addObject().put("contenttype", "application/nitf+xml")
            .put("value", "<nitf/>"))))
            .containsExactly(new FieldError("/bodies",
                "no body Newsflow can read: contenttype must be text/plain, text/html or application/xhtml+xml"));
        assertThat(errorsOf(valid(d -> d.putArray("bodies").addObject().put("contenttype", "text/html")
            .put("value", "<p> </p><script>x()</script>"))))
            .containsExactly(new FieldError("/bodies", "no body text: give a body with contenttype text/plain or text/html"));
        assertThat(errorsOf(valid(d -> d.put("bodies", "text"))))
            .containsExactly(new FieldError("/bodies", "must be an array of {role?, contenttype?, value}"));
        assertThat(errorsOf(valid(d -> {
            d.remove("bodies");
            d.put("body_text", 1);
        }))).containsExactly(new FieldError("/body_text", "must be a string"));
    }

    @Test
    void refusesBylinesAndGenresOfTheWrongShape() {
        assertThat(errorsOf(valid(d -> d.putArray("by")))).containsExactly(new FieldError("/by", "must be a string"));
        assertThat(errorsOf(valid(d -> d.put("bylines", "x")))).containsExactly(new FieldError("/bylines", "must be an array"));
        assertThat(errorsOf(valid(d -> d.put("byline", 1)))).containsExactly(new FieldError("/byline", "must be a string"));
        assertThat(errorsOf(valid(d -> d.put("genres", "Opinion"))))
            .containsExactly(new FieldError("/genres", "must be an array of {name?, uri?, literal?}"));
        assertThat(errorsOf(valid(d -> {
            d.putArray("genres").addObject().put("name", "Opinion");
            ((ArrayNode) d.get("genres")).add("Review");
        })))
            .containsExactly(new FieldError("/genres/1", "must be an object {name?, uri?, literal?}"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "10", "2.5", "\"3\"", "true", "-1"})
    void refusesUrgencyOutside1To9(String urgency) throws Exception {
        JsonNode value = MAPPER.readTree(urgency);
        assertThat(errorsOf(valid(d -> d.set("urgency", value))))
            .containsExactly(new FieldError("/urgency", "must be a whole number from 1 (flash) to 9; got " + urgency));
    }

    @Test
    void refusesUnknownPubStatus() {
        assertThat(errorsOf(valid(d -> d.put("pubstatus", "draft"))))
            .containsExactly(new FieldError("/pubstatus", "must be one of usable, withheld, canceled; got \"draft\""));
        assertThat(errorsOf(valid(d -> d.put("pubstatus", 1)))).extracting(FieldError::field).containsExactly("/pubstatus");
    }

    @Test
    void requiresDateTimesWithAnOffset() {
        assertThat(errorsOf(valid(d -> d.put("versioncreated", "2024-10-21T09:30:00"))))
            .containsExactly(new FieldError("/versioncreated", "has no UTC offset: add Z or ±hh:mm, e.g. 2024-10-21T09:30:00Z"));
        assertThat(errorsOf(valid(d -> d.put("embargoed", "tomorrow"))))
            .containsExactly(new FieldError("/embargoed",
                "must be an RFC 3339 date-time with offset such as 2024-10-21T09:30:00+02:00; got \"tomorrow\""));
        assertThat(errorsOf(valid(d -> d.put("embargoed", 1729500000)))).containsExactly(
            new FieldError("/embargoed", "must be a date-time string such as 2024-10-21T09:30:00Z"));
        assertThat(errorsOf(valid(d -> {
            d.remove("versioncreated");
            d.put("firstcreated", "2024-10-21");
        }))).extracting(FieldError::field).containsExactly("/firstcreated");
        assertThat(errorsOf(valid(d -> d.remove("versioncreated"))))
            .containsExactly(new FieldError("/versioncreated", "is required (or firstcreated): when this version was published"));
    }

    @Test
    void listsEveryProblemAtOnce() {
        NinjsException error = catchThrowableOfType(NinjsException.class, () -> reader.read(valid(d -> {
            d.put("version", "v2");
            d.remove("language");
            d.putArray("headlines");
            d.put("urgency", 12);
            d.put("pubstatus", "draft");
            d.put("versioncreated", "2024-10-21 09:30");
        })));
        assertThat(error.errors()).extracting(FieldError::field)
            .containsExactly("/version", "/language", "/headlines", "/urgency", "/pubstatus", "/versioncreated");
        assertThat(error).hasMessageStartingWith("not a usable ninjs document: /version: must be a whole number")
            .hasMessageContaining("; /headlines: no headline with role 'main' or any value;");
    }

    // --- HTML to text ------------------------------------------------------------------------------------------

    @Nested
    class HtmlBodies {

        @Test
        void keepsTextThatMerelyLooksLikeMarkup() {
            assertThat(HtmlText.toPlainText("a < b and c <3 d")).isEqualTo("a < b and c <3 d");
            assertThat(HtmlText.toPlainText("unterminated <p class=\"x")).isEqualTo("unterminated <p class=\"x");
            assertThat(HtmlText.toPlainText("AT&T & co &amp")).isEqualTo("AT&T & co &amp");
        }

        @Test
        void neverLetsAttributesOrHiddenContentThrough() {
            assertThat(HtmlText.toPlainText("<p title=\"a > b\" onclick='x()'>Shown</p><SCRIPT type=x>alert(1)</SCRIPT>"
                + "<style>p{}</style><!-- secret --><template><p>t</p></template><p>End</p>"))
                .isEqualTo("Shown\n\nEnd");
            assertThat(HtmlText.toPlainText("<p>Never closed <script>var x = '</p>';")).isEqualTo("Never closed");
        }

        @Test
        void decodesReferencesSafely() {
            assertThat(HtmlText.toPlainText("&#65;&#x42;&#X43; &#0; &#xD800; &#x110000; &#7; &#;&#xZZ; &eacute;t&eacute;"))
                .isEqualTo("ABC \uFFFD \uFFFD \uFFFD &#;&#xZZ; été");
            assertThat(HtmlText.toPlainText("&lt;script&gt;alert(1)&lt;/script&gt;")).isEqualTo("<script>alert(1)</script>");
            assertThat(HtmlText.toPlainText("emoji &#x1F600; ok")).isEqualTo("emoji \uD83D\uDE00 ok");
        }

        @Test
        void turnsBlocksAndBreaksIntoParagraphsAndLines() {
            assertThat(HtmlText.toPlainText("<div>One<div>Two</div></div>Three<br/>four<br /> <br>Five"))
                .isEqualTo("One\n\nTwo\n\nThree\nfour\n\nFive");
            assertThat(HtmlText.toPlainText("<table><tr><td>a</td><td>b</td></tr><tr><td>c</td></tr></table>"))
                .isEqualTo("a b\n\nc");
            assertThat(HtmlText.toPlainText("<pre>line 1\n  indented\n</pre><p>  spaced   out\n text </p>"))
                .isEqualTo("line 1\n  indented\n\nspaced out text");
            assertThat(HtmlText.toPlainText("bad\u0001control\u0085chars")).isEqualTo("badcontrolchars");
            assertThat(HtmlText.toPlainText("<![CDATA[<raw> & text]]>")).isEqualTo("<raw> & text");
            assertThat(HtmlText.toPlainText("<p></p><br><p> </p>")).isEmpty();
        }
    }

    // --- helpers ---------------------------------------------------------------------------------------------

    private java.util.List<FieldError> errorsOf(JsonNode document) {
        NinjsException error = catchThrowableOfType(NinjsException.class, () -> reader.read(document));
        assertThat(error).as("expected the reader to refuse %s", document).isNotNull();
        return error.errors();
    }

    /** A small valid ninjs 2.1 document, changed by {@code change}. */
    static ObjectNode valid(Consumer<ObjectNode> change) {
        ObjectNode document = MAPPER.createObjectNode();
        document.put("uri", "urn:newsml:example.com:20241021:story-1");
        document.put("type", "text");
        document.put("version", "1");
        document.put("versioncreated", "2024-10-21T09:30:00Z");
        document.put("embargoed", "2024-10-21T10:00:00Z");
        document.put("pubstatus", "usable");
        document.put("urgency", 4);
        document.put("language", "en");
        document.putArray("headlines").addObject().put("role", "main").put("value", "Headline");
        document.putArray("bodies").addObject().put("role", "main").put("contenttype", "text/plain").put("value", "Body.");
        document.putArray("infosources").addObject().put("name", "ukraine-ledger");
        change.accept(document);
        return document;
    }

    static JsonNode resource(String name) throws IOException {
        try (InputStream in = NinjsReaderTest.class.getResourceAsStream("/ninjs/" + name)) {
            assertThat(in).as("test resource ninjs/%s", name).isNotNull();
            return MAPPER.readTree(in);
        }
    }
}
