package io.syncstore.it.load;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiFunction;
import java.util.function.IntFunction;
import java.util.regex.Pattern;

/**
 * The cost of SEARCH: one user's INBOX (user 1 of the prefix) filled to --messages small (2 KB) messages of the
 * corpus, every tenth flagged; then on one connection, for --seconds after --warmup each, one SEARCH over and over:
 * TEXT and SUBJECT of a corpus word, FROM of one of the 97 senders, UNSEEN and FLAGGED, and MIXED's text search
 * (SUBJECT "report"): with --messages at MIXED's --populate, the two SEARCHes of MIXED, whose run measures the CPU of
 * its 13 commands together, each on its own.
 */
final class SearchLoad {
    private static final String[][] SEARCHES = {
        {"SEARCH_TEXT", "SEARCH TEXT invoice"},
        {"SEARCH_SUBJECT", "SEARCH SUBJECT budget"},
        {"SEARCH_FROM", "SEARCH FROM sender42@"},
        {"SEARCH_UNSEEN", "SEARCH UNSEEN"},
        {"SEARCH_FLAGGED", "SEARCH FLAGGED"},
        {"SEARCH_SUBJECT_REPORT", "SEARCH SUBJECT \"report\""},
    };

    private static final Pattern NUMBER = Pattern.compile("\\d+");

    private SearchLoad() {
    }

    static void run(LoadDriver d) throws Exception {
        fillAndMeasure(d, (corpus, n) -> corpus.small(), n -> n % 10 == 0 ? "\\Flagged" : null, SEARCHES);
    }

    /**
     * Fills INBOX to --messages with message n (and its flags), then times each command ({phase, command}) on one
     * connection, over and over, for --seconds after --warmup.
     */
    static void fillAndMeasure(LoadDriver d, BiFunction<Corpus, Integer, byte[]> message, IntFunction<String> flags,
                               String[][] commands) throws Exception {
        int existing;
        try (ImapConnection imap = d.login(1)) {
            existing = Math.max(0, imap.command("SELECT INBOX").require().exists());
            imap.command("LOGOUT");
        }
        if (existing < d.messages) {
            fill(d, existing, message, flags);
        }
        for (String[] command : commands) {
            measure(d, command[0], command[1]);
        }
    }

    private static void measure(LoadDriver d, String phase, String command) throws Exception {
        String matches = matches(d, command);
        Clients.Loop loop = (client, latencies, deadline) -> {
            try (ImapConnection imap = d.login(1)) {
                imap.command("SELECT INBOX").require();
                while (System.nanoTime() < deadline) {
                    long start = System.nanoTime();
                    imap.command(command).require();
                    latencies.record(phase, System.nanoTime() - start);
                }
                imap.command("LOGOUT");
            }
            return false;
        };
        if (d.warmup > 0) {
            Clients.run(d, 1, d.warmup, loop);
        }
        Clients.Run run = Clients.run(d, 1, d.seconds, loop);
        d.report(phase, run.latencies, run.seconds, run.cpuMillis, command + " (" + matches + ")", phase);
    }

    /** How many messages the command names: the numbers of its SEARCH or SORT answer, or of THREAD's trees. */
    private static String matches(LoadDriver d, String command) throws Exception {
        try (ImapConnection imap = d.login(1)) {
            imap.command("SELECT INBOX").require();
            String answer = imap.command(command).require().untagged.stream()
                .filter(line -> line.matches("\\* (SEARCH|SORT|THREAD)\\b.*")).findFirst().orElse("");
            imap.command("LOGOUT");
            return NUMBER.matcher(answer).results().count() + " messages";
        }
    }

    private static void fill(LoadDriver d, int existing, BiFunction<Corpus, Integer, byte[]> message,
                     IntFunction<String> flags) throws Exception {
        AtomicInteger appended = new AtomicInteger(existing);
        Clients.run(d, d.clients, 36_000, (client, latencies, deadline) -> {
            Corpus corpus = new Corpus(client + 1);
            try (ImapConnection imap = d.login(1)) {
                int n;
                while ((n = appended.incrementAndGet()) <= d.messages) {
                    imap.append("INBOX", flags.apply(n), message.apply(corpus, n)).require();
                }
                imap.command("LOGOUT");
            }
            return false;
        });
    }
}
