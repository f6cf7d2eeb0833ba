package io.syncstore.it.load;

/**
 * SEARCH, SORT and THREAD on a large mailbox of varied mail (issue 12's 100,000-message targets): one user's INBOX
 * (user 1 of the prefix) filled to --messages of {@link VariedMail}, then on one connection, for --seconds after
 * --warmup each, one command over and over: SEARCH BODY of a frequent, a middling and a rare word of the vocabulary,
 * TEXT of a rare word, BODY of two words, SUBJECT and FROM, then the SORT and THREAD commands of {@link ThreadLoad}.
 */
final class MailSearchLoad {
    private MailSearchLoad() {
    }

    static void run(LoadDriver d) throws Exception {
        SearchLoad.fillAndMeasure(d, (corpus, n) -> VariedMail.message(n), n -> null, commands());
    }

    private static String[][] commands() {
        String[][] searches = {
            {"BODY_FREQUENT", "SEARCH BODY " + VariedMail.word(200)},
            {"BODY_MIDDLING", "SEARCH BODY " + VariedMail.word(3_000)},
            {"BODY_RARE", "SEARCH BODY " + VariedMail.word(30_000)},
            {"TEXT_RARE", "SEARCH TEXT " + VariedMail.word(25_000)},
            {"BODY_TWO_WORDS", "SEARCH BODY \"" + VariedMail.word(300) + " " + VariedMail.word(301) + "\""},
            {"SUBJECT_MIDDLING", "SEARCH SUBJECT " + VariedMail.word(1_000)},
            {"FROM_NAME", "SEARCH FROM kowalski"},
        };
        String[][] all = new String[searches.length + ThreadLoad.THREADS.length][];
        System.arraycopy(searches, 0, all, 0, searches.length);
        System.arraycopy(ThreadLoad.THREADS, 0, all, searches.length, ThreadLoad.THREADS.length);
        return all;
    }
}
