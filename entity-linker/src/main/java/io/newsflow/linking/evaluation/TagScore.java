package io.newsflow.linking.evaluation;

/**
  * Agreement of the linker's topic tags with {@code gold_topics}, micro-averaged over articles.
  *
  * @param hits predicted labels that are among the article's gold topics
  * @param predicted predicted labels
  * @param gold gold labels
  */
public record TagScore(int hits, int predicted, int gold) {

    public TagScore plus(TagScore o) {
        return new TagScore(hits + o.hits, predicted + o.predicted, gold + o.gold);
    }

    public double precision() {
        return predicted == 0 ? 0 : (double) hits / predicted;
    }

    public double recall() {
        return gold == 0 ? 0 : (double) hits / gold;
    }

    public double f1() {
        double p = precision();
        double r = recall();
        return p + r == 0 ? 0 : 2 * p * r / (p + r);
    }
}
