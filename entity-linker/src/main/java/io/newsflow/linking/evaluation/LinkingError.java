package io.newsflow.linking.evaluation;

import io.newsflow.linking.EntityType;
import io.newsflow.linking.TextField;

/**
  * One scoring error on one mention occurrence.
  *
  * @param kind what went wrong
  * @param articleId the gold article
  * @param language the article's language
  * @param field headline or body
  * @param surface the mention text
  * @param goldCanonical the gold canonical, or null for a spurious prediction
  * @param predictedCanonical the predicted canonical, or null for a missed gold mention
  * @param goldType the gold type, or null for a spurious prediction
  * @param predictedType the predicted type, or null for a missed gold mention
  * @param context a one-line snippet of the text around the mention
  */
public record LinkingError(
        Kind kind,
        String articleId,
        String language,
        TextField field,
        String surface,
        String goldCanonical,
        String predictedCanonical,
        EntityType goldType,
        EntityType predictedType,
        String context) {

    /** The three ways a mention can be scored wrong. */
    public enum Kind {
        /** A gold mention no prediction matched: one false negative. */
        MISSED,
        /** A prediction no gold mention matched: one false positive. */
        SPURIOUS,
        /** Same surface, different canonical: one false positive and one false negative. */
        WRONG_CANONICAL;

        /** How many of FP + FN one error of this kind costs. */
        public int cost() {
            return this == WRONG_CANONICAL ? 2 : 1;
        }

        public String label() {
            return switch (this) {
                case MISSED -> "missed";
                case SPURIOUS -> "spurious";
                case WRONG_CANONICAL -> "wrong";
            };
        }
    }

    /** Whether this error falls in the ambiguity subset. */
    public boolean ambiguous() {
        return AmbiguitySubset.contains(surface);
    }
}
