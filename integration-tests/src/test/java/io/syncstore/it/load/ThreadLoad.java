package io.syncstore.it.load;

import java.nio.charset.StandardCharsets;
import java.util.Random;

/**
 * The cost of THREAD and SORT (RFC 5256): one user's INBOX (user 1 of the prefix) filled to --messages small messages in
 * threads (three in four reply to one of the 200 messages before them, by References and In-Reply-To, with "Re:"
 * subjects of 2,000 topics); then on one connection, for --seconds after --warmup each, one THREAD (or SORT) over and over.
 */
final class ThreadLoad {
    static final String[][] THREADS = {
        {"THREAD_REFERENCES", "THREAD REFERENCES UTF-8 ALL"},
        {"THREAD_REFS", "THREAD REFS UTF-8 ALL"},
        {"THREAD_ORDEREDSUBJECT", "THREAD ORDEREDSUBJECT UTF-8 ALL"},
        {"SORT_ARRIVAL", "SORT (ARRIVAL) UTF-8 ALL"},
        {"SORT_DATE", "SORT (DATE) UTF-8 ALL"},
        {"SORT_SUBJECT", "SORT (SUBJECT) UTF-8 ALL"},
        {"SORT_FROM", "SORT (FROM) UTF-8 ALL"},
    };

    private ThreadLoad() {
    }

    static void run(LoadDriver d) throws Exception {
        SearchLoad.fillAndMeasure(d, (corpus, n) -> message(n), n -> null, THREADS);
    }

    /** Message n of the mailbox: the same for every server and run. */
    static byte[] message(int n) {
        Random random = new Random(n);
        boolean reply = n > 1 && random.nextInt(4) > 0;
        int parent = reply ? n - 1 - random.nextInt(Math.min(n - 1, 200)) : 0;
        StringBuilder m = new StringBuilder(1200)
            .append("From: Sender ").append(n % 97).append(" <sender").append(n % 97).append("@example.org>\r\n")
            .append("To: user@bench.test\r\n")
            .append("Date: ").append(String.format("Fri, %02d Nov 2026 %02d:%02d:%02d +0000", 1 + n / 86_400 % 28,
                n / 3600 % 24, n / 60 % 60, n % 60)).append("\r\n")
            .append("Subject: ").append(reply ? "Re: topic " : "topic ").append(random.nextInt(2000)).append("\r\n")
            .append("Message-ID: <t").append(n).append("@thread.bench>\r\n");
        if (reply) {
            m.append("In-Reply-To: <t").append(parent).append("@thread.bench>\r\n")
                .append("References: <t").append(parent).append("@thread.bench>\r\n");
        }
        m.append("\r\n");
        while (m.length() < 1024) {
            m.append("message ").append(n).append(" of a thread, a line of text to read\r\n");
        }
        return m.toString().getBytes(StandardCharsets.US_ASCII);
    }
}
