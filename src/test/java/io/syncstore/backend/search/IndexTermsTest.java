package io.syncstore.backend.search;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

class IndexTermsTest {
    /** Pieces of words and separators; "Aa" and "BB" share their String hash, as do "AaAa", "AaBB", "BBAa" and "BBBB". */
    private static final String[] PIECES = {"Aa", "BB", "a", "b", "é", "ß", "\uE02E", "\uE080", "x1", ".", "-", "@",
        "日本", " ", "  ", "\t", "\r\n", "\u00A0", "\u2003", "\u3000", "\u001F"};

    @Test
    void distinctWordsAreTheWordsOfTheTextOnceEachInTheOrderTheyFirstCome() {
        Random random = new Random(12);
        for (int round = 0; round < 2_000; round++) {
            StringBuilder text = new StringBuilder();
            int pieces = random.nextInt(200);
            for (int i = 0; i < pieces; i++) {
                text.append(PIECES[random.nextInt(PIECES.length)]);
            }
            String value = text.toString();

            assertThat(IndexTerms.distinctWords(value)).as("text %s", value)
                .containsExactlyElementsOf(new LinkedHashSet<>(IndexTerms.words(value)));
        }
    }

    @Test
    void aLongBodyOfManyRepeatedWordsKeepsEveryDistinctWordOnceInTheOrderTheyFirstCome() {
        Random random = new Random(7);
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < 100_000; i++) {
            text.append("w").append(random.nextInt(20_000)).append(i % 13 == 0 ? "\r\n" : " ");
        }
        String body = text.toString();

        List<String> distinct = IndexTerms.distinctWords(body);

        assertThat(distinct).hasSizeGreaterThan(15_000).containsExactlyElementsOf(new LinkedHashSet<>(IndexTerms.words(body)));
    }

    @Test
    void aTextOfSpaceOnlyHasNoWords() {
        assertThat(IndexTerms.distinctWords("")).isEmpty();
        assertThat(IndexTerms.distinctWords(" \t\r\n\u00A0\u3000")).isEmpty();
    }
}
