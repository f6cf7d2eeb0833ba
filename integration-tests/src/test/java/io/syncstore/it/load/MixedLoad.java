package io.syncstore.it.load;

import java.io.IOException;
import java.util.Random;

/**
 * Client sessions on their own user's INBOX (client i on user i mod users), each:
 * LOGIN; SELECT INBOX; FETCH of the last 20 messages' (UID FLAGS ENVELOPE INTERNALDATE RFC822.SIZE); two FETCH
 * BODY.PEEK[] of random messages; STORE +FLAGS (\Seen) and -FLAGS (\Seen) on random messages; SEARCH UNSEEN;
 * SEARCH SUBJECT "report"; APPEND of one new message; STORE +FLAGS (\Deleted) on a random message and EXPUNGE;
 * LOGOUT. 13 commands (11 in DEFAULT_MIX, without the SEARCHes); the APPEND and EXPUNGE keep the mailbox at its size. Before the measured part, each user's
 * INBOX is filled to --populate messages (not measured).
 */
final class MixedLoad {
    private MixedLoad() {
    }

    static void run(LoadDriver d) throws Exception {
        populate(d);
        Clients.Loop session = (client, latencies, deadline) -> {
            session(d, client % d.users + 1, new Random(client * 31L + System.nanoTime()),
                    new Corpus(client + System.nanoTime()), latencies);
            return true;
        };
        if (d.warmup > 0) {
            Clients.run(d, d.clients, d.warmup, session);
        }
        Clients.Run run = Clients.run(d, d.clients, d.seconds, session);
        long sessions = run.latencies.series().get("LOGOUT") == null ? 0 : run.latencies.series().get("LOGOUT").size;
        d.report(d.workload.name(), run.latencies, run.seconds, run.cpuMillis,
                String.format("sessions=%d sessions/s=%.1f", sessions, sessions / run.seconds));
    }

    private static void session(LoadDriver d, int user, Random random, Corpus corpus, Latencies latencies)
            throws IOException {
        long start = System.nanoTime();
        try (ImapConnection imap = new ImapConnection(d.host, d.ports[(user - 1) % d.ports.length])) {
            Timer t = new Timer(latencies, imap);
            t.run("LOGIN", "LOGIN \"" + d.user(user) + "\" \"" + d.password + "\"", start);
            ImapConnection.Response select = t.run("SELECT", "SELECT INBOX", System.nanoTime());
            int exists = Math.max(1, select.exists());
            t.run("FETCH_ENVELOPE", "FETCH " + Math.max(1, exists - 19) + ":" + exists
                    + " (UID FLAGS ENVELOPE INTERNALDATE RFC822.SIZE)", System.nanoTime());
            for (int i = 0; i < 2; i++) {
                t.run("FETCH_BODY", "FETCH " + (1 + random.nextInt(exists)) + " (BODY.PEEK[])", System.nanoTime());
            }
            t.run("STORE", "STORE " + (1 + random.nextInt(exists)) + " +FLAGS (\\Seen)", System.nanoTime());
            t.run("STORE", "STORE " + (1 + random.nextInt(exists)) + " -FLAGS (\\Seen)", System.nanoTime());
            if (d.workload == Workload.MIXED) {
                t.run("SEARCH", "SEARCH UNSEEN", System.nanoTime());
                t.run("SEARCH", "SEARCH SUBJECT \"report\"", System.nanoTime());
            }
            byte[] message = corpus.next();
            long appendStart = System.nanoTime();
            t.record("APPEND", imap.append("INBOX", null, message), appendStart);
            t.run("STORE", "STORE " + (1 + random.nextInt(exists)) + " +FLAGS (\\Deleted)", System.nanoTime());
            t.run("EXPUNGE", "EXPUNGE", System.nanoTime());
            t.run("LOGOUT", "LOGOUT", System.nanoTime());
        }
    }

    /** Fills every user's INBOX to --populate messages with the corpus, from --clients connections. */
    static void populate(LoadDriver d) throws Exception {
        Clients.Run run = Clients.run(d, Math.min(d.clients, d.users), 3600, (client, latencies, deadline) -> {
            for (int user = client + 1; user <= d.users; user += Math.min(d.clients, d.users)) {
                Corpus corpus = new Corpus(user);
                try (ImapConnection imap = d.login(user)) {
                    int exists = imap.command("SELECT INBOX").require().exists();
                    for (int i = Math.max(0, exists); i < d.populate; i++) {
                        imap.append("INBOX", null, corpus.next()).require();
                    }
                    imap.command("LOGOUT");
                }
            }
            return false;
        });
        if (run.latencies.errors() > 0) {
            throw new IOException("Populating the mixed workload's mailboxes failed");
        }
    }

    /** Times commands and records them under an operation name, a failed one as an error. */
    private static final class Timer {
        private final Latencies latencies;
        private final ImapConnection imap;

        Timer(Latencies latencies, ImapConnection imap) {
            this.latencies = latencies;
            this.imap = imap;
        }

        ImapConnection.Response run(String operation, String command, long start) throws IOException {
            return record(operation, imap.command(command), start);
        }

        ImapConnection.Response record(String operation, ImapConnection.Response response, long start) {
            if (response.ok()) {
                latencies.record(operation, System.nanoTime() - start);
            } else {
                latencies.error(operation);
            }
            return response;
        }
    }
}
