/**
 * Turns the plain text of a scraped page of an English-language Ukrainian news site into a story.
 *
 * <p>{@link io.newsflow.ingest.formats.rawpage.RawPageParser} is the entry point; it yields a
 * {@link io.newsflow.ingest.formats.rawpage.ParsedPage} or a
 * {@link io.newsflow.ingest.formats.rawpage.RawPageException} whose message can be shown to the submitter as is.
 */
package io.newsflow.ingest.formats.rawpage;
