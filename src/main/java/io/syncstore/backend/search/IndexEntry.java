package io.syncstore.backend.search;

/**
 * A message's entry in the search index, computed before the write that indexes the message, so that the single
 * writer only inserts it: the text, its words by column and its words for the vocabulary.
 */
public final class IndexEntry {
    final SearchText text;
    final IndexTerms terms;
    /** The distinct words as a JSON array, the header's first. */
    final String wordsJson;
    final int words;
    final int headerWords;

    IndexEntry(SearchText text, IndexTerms terms, String wordsJson, int words, int headerWords) {
        this.text = text;
        this.terms = terms;
        this.wordsJson = wordsJson;
        this.words = words;
        this.headerWords = headerWords;
    }
}
