package io.syncstore.imap.thread;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
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
        List<ThreadedMessage> messages = chain(n -> n == 1 ? List.of() : List.of(id(n - 1)));

        assertChain(algorithm.threads(messages));
        Collections.reverse(messages);
        assertChain(algorithm.threads(messages));
    }

    @ParameterizedTest
    @EnumSource(value = ThreadAlgorithm.class, names = {"REFERENCES", "REFS"})
    void aChainWhoseRepliesNameAllTheirAncestorsIsOneChain(ThreadAlgorithm algorithm) {
        List<ThreadedMessage> messages = chain(n -> LongStream.range(Math.max(1, n - 50), n)
            .mapToObj(LongThreadsTest::id).collect(Collectors.toList()));

        assertChain(algorithm.threads(messages));
        Collections.reverse(messages);
        assertChain(algorithm.threads(messages));
    }

    @ParameterizedTest
    @EnumSource(ThreadAlgorithm.class)
    void aWideThreadHasEveryReplyUnderItsRoot(ThreadAlgorithm algorithm) {
        List<ThreadedMessage> messages = chain(n -> n == 1 ? List.of() : List.of(id(1)));

        assertWide(algorithm.threads(messages));
        Collections.reverse(messages);
        assertWide(algorithm.threads(messages));
    }

    /** Messages 1 to 10,000, sent in that order, message n referring to what {@code references} gives. */
    private static List<ThreadedMessage> chain(java.util.function.LongFunction<List<String>> references) {
        List<ThreadedMessage> messages = new ArrayList<>();
        for (long n = 1; n <= MESSAGES; n++) {
            List<String> refs = references.apply(n);
            messages.add(new ThreadedMessage(n, 1_700_000_000_000L + n * 1000, "TOPIC", !refs.isEmpty(), id(n),
                refs.toArray(String[]::new)));
        }
        return messages;
    }

    private static String id(long n) {
        return n + "@chain.example";
    }

    private static void assertChain(List<ThreadNode> threads) {
        assertThat(threads).hasSize(1);
        ThreadNode node = threads.get(0);
        for (long n = 1; n < MESSAGES; n++) {
            assertThat(node.message().number()).isEqualTo(n);
            assertThat(node.children()).hasSize(1);
            node = node.children().get(0);
        }
        assertThat(node.message().number()).isEqualTo(MESSAGES);
        assertThat(node.children()).isEmpty();
    }

    private static void assertWide(List<ThreadNode> threads) {
        assertThat(threads).hasSize(1);
        ThreadNode root = threads.get(0);
        assertThat(root.message().number()).isEqualTo(1);
        assertThat(root.children().stream().map(child -> child.message().number()))
            .containsExactlyElementsOf(LongStream.rangeClosed(2, MESSAGES).boxed().collect(Collectors.toList()));
        assertThat(root.children()).allSatisfy(child -> assertThat(child.children()).isEmpty());
    }
}
