package io.syncstore.backend.search;

/**
 * A message's entry in the search index, computed before the write that stores the message, so that the single
 * writer only inserts it: the text and, on SQLite, its FTS5 document and its words for the vocabulary.
 */
public final class IndexEntry {
    final SearchText text;
    /** SQLite's tagged tokens; null on PostgreSQL, which indexes the text itself. */
    final String document;
    /** The distinct words as a JSON array, the header's first. */
    final String wordsJson;
    final int headerWords;

    IndexEntry(SearchText text, String document, String wordsJson, int headerWords) {
        this.text = text;
        this.document = document;
        this.wordsJson = wordsJson;
        this.headerWords = headerWords;
    }
}
