package io.newsflow.ingest.formats.rawpage;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RawPageSentenceSplitterTest {

    @Test
    void splitsPlainSentences() {
        assertThat(SentenceSplitter.split("The convoy left at dawn. It reached the city by noon! Was it late?"))
            .containsExactly("The convoy left at dawn.", "It reached the city by noon!", "Was it late?");
    }

    @Test
    void keepsAbbreviationsInitialsAndDecimalsInsideTheSentence() {
        assertThat(SentenceSplitter.split(
            "Gen. Petrenko met U.S. officials and Mr. J. R. Smith on Monday. Growth was 5.5 per cent, per Fig. 2."))
            .containsExactly("Gen. Petrenko met U.S. officials and Mr. J. R. Smith on Monday.",
                "Growth was 5.5 per cent, per Fig. 2.");
    }

    @Test
    void splitsAfterAnAcronymWhenTheNextWordOpensASentence() {
        assertThat(SentenceSplitter.split("The money came from the U.S. The rest came from the EU."))
            .containsExactly("The money came from the U.S.", "The rest came from the EU.");
    }

    @Test
    void keepsClosingQuotesWithTheirSentence() {
        assertThat(SentenceSplitter.split("\"We will hold the line.\" The commander left. She said it was \"over\"."))
            .containsExactly("\"We will hold the line.\"", "The commander left.", "She said it was \"over\".");
    }

    @Test
    void doesNotSplitBeforeLowerCaseOrInsideQuotesThatContinue() {
        assertThat(SentenceSplitter.split("He asked \"why now?\" and left. No. 3 brigade held."))
            .containsExactly("He asked \"why now?\" and left.", "No. 3 brigade held.");
    }
}
