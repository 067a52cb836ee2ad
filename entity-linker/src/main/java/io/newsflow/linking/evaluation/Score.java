package io.newsflow.linking.evaluation;

/**
  * Micro counts for one slice of an evaluation, and the metrics derived from them.
  *
  * @param tp matched pairs with the right canonical
  * @param fp predictions that are unmatched or carry the wrong canonical
  * @param fn gold mentions that are unmatched or were given the wrong canonical
  * @param typeMatched matched (same-surface) pairs, whatever their canonical
  * @param typeCorrect matched pairs whose predicted type equals the gold type
  */
public record Score(int tp, int fp, int fn, int typeMatched, int typeCorrect) {

    public static final Score ZERO = new Score(0, 0, 0, 0, 0);

    public Score {
        if (tp < 0 || fp < 0 || fn < 0 || typeMatched < 0 || typeCorrect < 0 || typeCorrect > typeMatched) {
            throw new IllegalArgumentException("bad counts");
        }
    }

    public Score plus(Score o) {
        return new Score(tp + o.tp, fp + o.fp, fn + o.fn, typeMatched + o.typeMatched, typeCorrect + o.typeCorrect);
    }

    /** Gold mentions in the slice. */
    public int gold() {
        return tp + fn;
    }

    /** Predicted mentions in the slice. */
    public int predicted() {
        return tp + fp;
    }

    /** TP / (TP + FP); 0 when nothing was predicted. */
    public double precision() {
        return tp + fp == 0 ? 0 : (double) tp / (tp + fp);
    }

    /** TP / (TP + FN); 0 when there is no gold. */
    public double recall() {
        return tp + fn == 0 ? 0 : (double) tp / (tp + fn);
    }

    /** Harmonic mean of precision and recall; 0 when both are 0. */
    public double f1() {
        double p = precision();
        double r = recall();
        return p + r == 0 ? 0 : 2 * p * r / (p + r);
    }

    /** Share of matched pairs with the right type; 0 when nothing matched. */
    public double typeAccuracy() {
        return typeMatched == 0 ? 0 : (double) typeCorrect / typeMatched;
    }
}
