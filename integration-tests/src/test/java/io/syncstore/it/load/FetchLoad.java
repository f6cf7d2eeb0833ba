package io.syncstore.it.load;

import java.io.IOException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The cost of FETCH: one user's INBOX (user 1 of the prefix) filled to --messages messages of the corpus (2 to 100 KB,
 * some with attachments), then on one connection, for --seconds after --warmup each: UID FETCH 1:* (FLAGS) over and
 * over (phase FETCH_FLAGS), then FETCH 1:100 (ENVELOPE BODYSTRUCTURE) (phase FETCH_STRUCTURE). The server's CPU is
 * reported per command; divided by the messages each command answers, it is the CPU per message.
 */
final class FetchLoad {
    private static final String FLAGS = "UID FETCH 1:* (FLAGS)";
    private static final String STRUCTURE = "FETCH 1:100 (ENVELOPE BODYSTRUCTURE)";

    private FetchLoad() {
    }

    static void run(LoadDriver d) throws Exception {
        int existing;
        try (ImapConnection imap = d.login(1)) {
            existing = Math.max(0, imap.command("SELECT INBOX").require().exists());
            imap.command("LOGOUT");
        }
        fill(d, existing);
        int messages = Math.max(existing, d.messages);
        measure(d, "FETCH_FLAGS", FLAGS, messages, false);
        measure(d, "FETCH_STRUCTURE", STRUCTURE, Math.min(100, messages), false);
        measure(d, "FETCH_FLAGS_AFTER_STORE", FLAGS, messages, true);
    }

    private static void measure(LoadDriver d, String phase, String command, int messagesPerCommand, boolean storeBefore) throws Exception {
        Clients.Loop loop = (client, latencies, deadline) -> {
            try (ImapConnection imap = d.login(1)) {
                imap.command("SELECT INBOX").require();
                for (int stores = 0; System.nanoTime() < deadline; stores++) {
                    if (storeBefore) {
                        String change = stores / messagesPerCommand % 2 == 0 ? "+FLAGS.SILENT" : "-FLAGS.SILENT";
                        imap.command("STORE " + (stores % messagesPerCommand + 1) + " " + change + " (\\Flagged)").require();
                    }
                    long start = System.nanoTime();
                    ImapConnection.Response fetch = imap.command(command).require();
                    latencies.record(phase, System.nanoTime() - start);
                    if (fetch.untagged.size() < messagesPerCommand) {
                        throw new IOException(command + " returned " + fetch.untagged.size() + " of " + messagesPerCommand);
                    }
                }
                imap.command("LOGOUT");
            }
            return false;
        };
        if (d.warmup > 0) {
            Clients.run(d, 1, d.warmup, loop);
        }
        Clients.Run run = Clients.run(d, 1, d.seconds, loop);
        long commands = run.latencies.series().containsKey(phase) ? run.latencies.series().get(phase).size : 0;
        double microsPerMessage = commands == 0 ? Double.NaN : run.cpuMillis * 1000 / commands / messagesPerCommand;
        d.report(phase, run.latencies, run.seconds, run.cpuMillis,
            "messages/command=" + messagesPerCommand + " CPU-us/message=" + LoadDriver.fmt(microsPerMessage), phase);
    }

    private static void fill(LoadDriver d, int existing) throws Exception {
        AtomicInteger appended = new AtomicInteger(existing);
        Clients.run(d, d.clients, 36_000, (client, latencies, deadline) -> {
            Corpus corpus = new Corpus(client + 1);
            try (ImapConnection imap = d.login(1)) {
                while (appended.incrementAndGet() <= d.messages) {
                    imap.append("INBOX", null, corpus.next()).require();
                }
                imap.command("LOGOUT");
            }
            return false;
        });
    }
}
