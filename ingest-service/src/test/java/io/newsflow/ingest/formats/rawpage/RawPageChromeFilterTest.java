package io.newsflow.ingest.formats.rawpage;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RawPageChromeFilterTest {

    @ParameterizedTest
    @ValueSource(strings = {
        "client/title.list_title", "news.read_more", "{{ article.author }}", "${share_title}", "https://t.me/somechannel",
        "share-button", "• News", "› Politics", "•", "Share: Facebook | Telegram | X", "Follow us on Telegram",
        "Read more", "Comments (12)", "Share 1.2K", "Advertisement", "Photo: press service", "© Reuters", "———",
        "12 345"})
    void dropsChrome(String line) {
        assertThat(ChromeFilter.isChrome(line)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "Russian forces shelled the town on Monday.", "• The largest share will go to schools and kindergartens.",
        "Most of the money will be spent in three ways:", "\"We will share our news with you,\" she said.",
        "The U.S. sent 5.5 tonnes of aid.", "Kyiv", "Follow the money: where aid to the region goes",
        "Photographs of the damage were published on Monday."})
    void keepsStoryText(String line) {
        assertThat(ChromeFilter.isChrome(line)).isFalse();
    }
}
