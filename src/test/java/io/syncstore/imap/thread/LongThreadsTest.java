package io.syncstore.imap.thread;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.function.LongFunction;
import java.util.stream.Collectors;
import java.util.stream.LongStream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;


/**
 * Threads of 10,000 messages, one reply chain deep or one thread wide, in mailbox order and in reverse order (replies
 * stored before what they reply to): every algorithm gives the one thread RFC 5256 describes.
 */
class LongThreadsTest {
    private static final int MESSAGES = 10_000;

    @ParameterizedTest
    @EnumSource(value = ThreadAlgorithm.class, names = {"REFERENCES", "REFS"})
    void aDeepReplyChainIsOneChain(ThreadAlgorithm algorithm) {
        LongFunction<String[]> parent = n -> n == 1 ? new String[0] : new String[] {id(n - 1)};

        assertThat(chain(parent, false).threads(algorithm)).isEqualTo(oneChain());
        assertThat(chain(parent, true).threads(algorithm)).isEqualTo(oneChain());
    }

    @ParameterizedTest
    @EnumSource(value = ThreadAlgorithm.class, names = {"REFERENCES", "REFS"})
    void aChainWhoseRepliesNameAllTheirAncestorsIsOneChain(ThreadAlgorithm algorithm) {
        LongFunction<String[]> ancestors = n -> LongStream.range(Math.max(1, n - 50), n)
            .mapToObj(LongThreadsTest::id).toArray(String[]::new);

        assertThat(chain(ancestors, false).threads(algorithm)).isEqualTo(oneChain());
        assertThat(chain(ancestors, true).threads(algorithm)).isEqualTo(oneChain());
    }

    @ParameterizedTest
    @EnumSource(ThreadAlgorithm.class)
    void aWideThreadHasEveryReplyUnderItsRoot(ThreadAlgorithm algorithm) {
        LongFunction<String[]> first = n -> n == 1 ? new String[0] : new String[] {id(1)};

        assertThat(chain(first, false).threads(algorithm)).isEqualTo(oneWideThread());
        assertThat(chain(first, true).threads(algorithm)).isEqualTo(oneWideThread());
    }

    /** Messages 1 to 10,000, sent in that order, message n referring to what {@code references} gives. */
    private static Corpus chain(LongFunction<String[]> references, boolean repliesStoredFirst) {
        Corpus corpus = new Corpus();
        for (long i = 1; i <= MESSAGES; i++) {
            long n = repliesStoredFirst ? MESSAGES + 1 - i : i;
            String[] refs = references.apply(n);
            corpus.add(n, 1_700_000_000L + n, "TOPIC", refs.length > 0, id(n), refs);
        }
        return corpus;
    }

    private static String id(long n) {
        return n + "@chain.example";
    }

    private static String oneChain() {
        return LongStream.rangeClosed(1, MESSAGES).mapToObj(Long::toString).collect(Collectors.joining(" ", "(", ")"));
    }

    private static String oneWideThread() {
        return LongStream.rangeClosed(2, MESSAGES).mapToObj(n -> "(" + n + ")")
            .collect(Collectors.joining("", "(1 ", ")"));
    }
}
