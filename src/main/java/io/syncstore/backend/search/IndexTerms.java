package io.syncstore.backend.search;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The words of the word index (docs/search.md): a column's text cut at white space, so that a search value without
 * white space occurs in the text exactly when it occurs inside one of its words.
 *
 * <p>On PostgreSQL a message's row holds a key per word and column ({@link #key}). On SQLite the FTS5 table holds
 * each word as one token of its {@code ascii} tokenizer, tagged with the column it came from (FTS5 with
 * {@code detail=none} keeps no columns): a letter for the column, then the word with every ASCII character that is
 * not a letter or digit moved to the private use area (U+E000 + its code), since {@code ascii} would cut there; a
 * character of the text in that range, or {@link #ESCAPE} itself, is written after {@link #ESCAPE}, so that no two
 * words have the same token. Characters above ASCII are token characters to {@code ascii}, so the tokenizer
 * gives back exactly the words written here.</p>
 */
final class IndexTerms {
    /** The columns of SearchText, each with the tag of its words. */
    private static final List<String> COLUMNS = List.of("headers", "body", "hdr_subject", "hdr_from", "hdr_to", "hdr_cc", "hdr_bcc");
    private static final String TAGS = "hbsftcx";
    private static final char PRIVATE_USE = '\uE000';
    /** Marks a character of the text that is in the range punctuation is moved to (migration V22). */
    private static final char ESCAPE = '\uE080';
    /** PostgreSQL's keys of one word: one per column, 8 leaving room for one more column (migration V34). */
    private static final int COLUMN_KEYS = 8;
    /**
     * The longest word the vocabulary takes: a longer run without white space (a long link, encoded data) leaves its
     * column to be searched by scanning. PostgreSQL's unique index refuses an entry over 2,704 bytes, which 800 UTF-16
     * characters never reach in UTF-8 (at most 3 bytes each).
     */
    static final int LONGEST_WORD = 800;

    private final Map<String, List<String>> columnWords = new LinkedHashMap<>();
    private final Set<String> headerWords = new LinkedHashSet<>();
    private boolean bodyBeyondIndex;
    private boolean headersBeyondIndex;

    private IndexTerms() {
    }

    static IndexTerms of(SearchText text) {
        IndexTerms terms = new IndexTerms();
        for (String column : COLUMNS) {
            List<String> inColumn = distinctWords(text.column(column));
            boolean tooLong = inColumn.removeIf(word -> word.length() > LONGEST_WORD);
            terms.columnWords.put(column, inColumn);
            if (column.equals("body")) {
                terms.bodyBeyondIndex = tooLong;
            } else {
                terms.headerWords.addAll(inColumn);
                terms.headersBeyondIndex |= tooLong;
            }
        }
        return terms;
    }

    /** Whether the body holds a word longer than {@link #LONGEST_WORD}, left out. */
    boolean bodyBeyondIndex() {
        return bodyBeyondIndex;
    }

    /** Whether a header column holds a word longer than {@link #LONGEST_WORD}, left out. */
    boolean headersBeyondIndex() {
        return headersBeyondIndex;
    }

    /** The text written to SQLite's FTS5 table: each distinct word of each column once, as a tagged token. */
    String document() {
        StringBuilder document = new StringBuilder();
        columnWords.forEach((column, words) -> words.forEach(word -> document.append(token(column, word)).append(' ')));
        return document.toString();
    }

    /** The distinct words of each column, by column. */
    Map<String, List<String>> columnWords() {
        return columnWords;
    }

    /** The distinct words of the header columns, for the vocabulary. */
    Set<String> headerWords() {
        return headerWords;
    }

    /** The distinct words of the body, in the order they come, for the vocabulary. */
    List<String> bodyWords() {
        return columnWords.get("body");
    }

    /** PostgreSQL's key of a word of the column: the word's id in the vocabulary and the column, in one number. */
    static long key(String column, long wordId) {
        return wordId * COLUMN_KEYS + columnIndex(column);
    }

    private static int columnIndex(String column) {
        int index = COLUMNS.indexOf(column);
        if (index < 0) {
            throw new IllegalArgumentException("No column " + column + " in the search index");
        }
        return index;
    }

    /** The FTS5 token of a word of the column. */
    static String token(String column, String word) {
        StringBuilder token = new StringBuilder(word.length() + 1).append(TAGS.charAt(columnIndex(column)));
        for (int i = 0; i < word.length(); i++) {
            char c = word.charAt(i);
            if (c < 128 && !isAsciiLetterOrDigit(c)) {
                token.append((char) (PRIVATE_USE + c));
            } else if (c >= PRIVATE_USE && c <= ESCAPE) {
                token.append(ESCAPE).append(c);
            } else {
                token.append(c);
            }
        }
        return token.toString();
    }

    /** The words of a text: its runs of characters other than white space. */
    static List<String> words(String text) {
        List<String> words = new ArrayList<>();
        eachWord(text, (start, end, hash) -> words.add(text.substring(start, end)));
        return words;
    }

    /**
     * The distinct words of a text in the order they first come, as {@code new LinkedHashSet<>(words(text))} gives
     * them. A body repeats most of its words: a repeated one is found by its place in the text, with no copy made.
     */
    static List<String> distinctWords(String text) {
        DistinctWords distinct = new DistinctWords(text);
        eachWord(text, distinct::add);
        return distinct.words;
    }

    /** Gives each word of the text by its place and its {@link String#hashCode}. */
    private static void eachWord(String text, WordSink sink) {
        int start = -1;
        int hash = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (isSpace(c)) {
                if (start >= 0) {
                    sink.word(start, i, hash);
                    start = -1;
                }
            } else {
                if (start < 0) {
                    start = i;
                    hash = 0;
                }
                hash = 31 * hash + c;
            }
        }
        if (start >= 0) {
            sink.word(start, text.length(), hash);
        }
    }

    private interface WordSink {
        void word(int start, int end, int hash);
    }

    static boolean isSpace(char c) {
        if (c > ' ' && c < 0x80) {
            return false;
        }
        return Character.isWhitespace(c) || Character.isSpaceChar(c);
    }

    /** An open-addressing set of the words of one text, looked up by a range of the text and its String hash. */
    private static final class DistinctWords {
        private final String text;
        private final List<String> words = new ArrayList<>();
        private int[] slots = new int[64];

        private DistinctWords(String text) {
            this.text = text;
        }

        void add(int start, int end, int hash) {
            int length = end - start;
            int mask = slots.length - 1;
            int slot = spread(hash) & mask;
            for (int held = slots[slot]; held != 0; held = slots[slot]) {
                String word = words.get(held - 1);
                if (word.length() == length && text.regionMatches(start, word, 0, length)) {
                    return;
                }
                slot = (slot + 1) & mask;
            }
            words.add(text.substring(start, end));
            slots[slot] = words.size();
            if (words.size() * 2 > slots.length) {
                grow();
            }
        }

        private void grow() {
            slots = new int[slots.length * 2];
            int mask = slots.length - 1;
            for (int index = 0; index < words.size(); index++) {
                int slot = spread(words.get(index).hashCode()) & mask;
                while (slots[slot] != 0) {
                    slot = (slot + 1) & mask;
                }
                slots[slot] = index + 1;
            }
        }

        private static int spread(int hash) {
            return hash ^ (hash >>> 16);
        }
    }

    private static boolean isAsciiLetterOrDigit(char c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9';
    }
}
