package io.syncstore.imap.thread;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * Each algorithm's threads of one corpus, worked out by hand from RFC 5256 §3 (and Dovecot's REFS): a missing parent
 * (dummies kept with several children, replaced by a single one, dropped with none), a truncated chain, a duplicate
 * Message-ID, a reference loop, a self-reference, subject merging (a reply under the original, two originals under a
 * dummy, an empty subject never merged) and equal sent dates.
 */
class ThreadAlgorithmTest {
    private static final Corpus CORPUS = new Corpus()
        .add(1, 10, "lunch", false, "a")
        .add(2, 20, "lunch", true, "b", "a")
        // "x" is nowhere: a dummy without messages, dropped; "b" keeps its parent
        .add(3, 30, "lunch", true, "c", "x", "b")
        .add(4, 15, "plans", false, "d", "zz")
        .add(5, 25, "plans", true, "e", "zz")
        .add(6, 40, "plans", false, "f")
        // a second "a": no reference can name it
        .add(7, 50, "dup", false, "a")
        .add(8, 60, "dup", true, "h", "a")
        .add(9, 70, "loop", false, "i", "j")
        .add(10, 80, "loop", true, "j", "i")
        .add(11, 90, "self", false, "k", "k")
        .add(12, 100, "merge", true, "m", "nowhere")
        .add(13, 110, "merge", false, "n")
        .add(14, 120, "same", false, "p")
        .add(15, 130, "same", false, "q")
        .add(16, 140, "same", true, "r", "q")
        .add(17, 150, "same", true, "s")
        .add(18, 160, "", false, "u")
        .add(19, 170, "", false, null)
        .add(20, 45, "tieA", false, "w")
        .add(21, 45, "tieB", false, "y")
        .add(22, 190, "g1", true, "g1a", "gone1")
        .add(23, 200, "g1", true, "g1b", "gone1")
        .add(24, 200, "g3", false, "g3a")
        .add(25, 185, "g2", true, "g2a", "gone2")
        .add(26, 200, "g2", true, "g2b", "gone2");

    @Test
    void referencesLinksPrunesAndMergesBySubjectThreadsInTheOrderOfTheirFirstMessage() {
        assertThat(CORPUS.threads(ThreadAlgorithm.REFERENCES)).isEqualTo("(1 (2 3)(8))((4)(5)(6))(20)(21)(7)(10 9)"
            + "(11)(13 12)((14)(15 16)(17))(18)(19)((25)(26))((22)(23))(24)");
    }

    /** Threads by their latest message; on a tie a dummy first, two dummies in the order they were made. */
    @Test
    void refsKeepsSubjectsApartAndOrdersThreadsByTheirLatestMessage() {
        assertThat(CORPUS.threads(ThreadAlgorithm.REFS)).isEqualTo("((4)(5))(6)(20)(21)(7)(1 (2 3)(8))(10 9)(11)"
            + "(12)(13)(14)(15 16)(17)(18)(19)((22)(23))((25)(26))(24)");
    }

    @Test
    void orderedSubjectPutsEachSubjectsLaterMessagesUnderItsFirst() {
        assertThat(CORPUS.threads(ThreadAlgorithm.ORDEREDSUBJECT)).isEqualTo("(1 (2)(3))(4 (5)(6))(20)(21)(7 8)"
            + "(9 10)(11)(12 13)(14 (15)(16)(17))(18 19)(25 26)(22 23)(24)");
    }

    /** Siblings and threads by sent date however far apart the dates, equal dates in mailbox order. */
    @Test
    void datesCenturiesApartAndEqualDatesAreOrderedAlike() {
        long far = 1L << 52;
        Corpus corpus = new Corpus()
            .add(3, far, "s", false, "a")
            .add(5, -far, "s", true, "b", "a")
            .add(8, 0, "s", true, "c", "a")
            .add(9, 0, "t", false, "d")
            .add(12, -far, "t", false, "e");

        assertThat(corpus.threads(ThreadAlgorithm.ORDEREDSUBJECT)).isEqualTo("(5 (8)(3))(12 9)");
        assertThat(corpus.threads(ThreadAlgorithm.REFERENCES)).isEqualTo("((12)(9))(3 (5)(8))");
        assertThat(corpus.threads(ThreadAlgorithm.REFS)).isEqualTo("(12)(9)(3 (5)(8))");
    }

    @Test
    void noMessagesNoThreads() {
        for (ThreadAlgorithm algorithm : ThreadAlgorithm.values()) {
            assertThat(new Corpus().threads(algorithm)).isEmpty();
        }
    }
}
