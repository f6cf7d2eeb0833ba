package io.syncstore.it.load;

import java.io.IOException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One user's INBOX (user 1 of the prefix) filled to --messages small (2 KB) messages by APPEND from --clients
 * connections, without pipelining; the append rate is reported per tenth of the fill, to show whether it stays flat.
 * Then --rounds times, on a new connection: SELECT INBOX and UID FETCH 1:* (FLAGS), each timed.
 */
final class BigMailboxLoad {
    private BigMailboxLoad() {
    }

    static void run(LoadDriver d) throws Exception {
        int existing;
        try (ImapConnection imap = d.login(1)) {
            existing = Math.max(0, imap.command("SELECT INBOX").require().exists());
            imap.command("LOGOUT");
        }
        if (existing < d.messages) {
            fill(d, existing);
        }
        Clients.Run open = Clients.run(d, 1, 3600, (client, latencies, deadline) -> {
            for (int round = 0; round < d.rounds; round++) {
                try (ImapConnection imap = d.login(1)) {
                    long start = System.nanoTime();
                    ImapConnection.Response select = imap.command("SELECT INBOX").require();
                    latencies.record("SELECT", System.nanoTime() - start);
                    long fetchStart = System.nanoTime();
                    ImapConnection.Response fetch = imap.command("UID FETCH 1:* (FLAGS)").require();
                    latencies.record("UID_FETCH_FLAGS", System.nanoTime() - fetchStart);
                    latencies.record("OPEN", System.nanoTime() - start);
                    if (fetch.untagged.size() < select.exists()) {
                        throw new IOException("UID FETCH returned " + fetch.untagged.size() + " of " + select.exists());
                    }
                    imap.command("LOGOUT");
                }
            }
            return false;
        });
        d.report("BIGBOX", open.latencies, open.seconds, open.cpuMillis, "messages=" + Math.max(existing, d.messages),
                "OPEN");
    }

    private static void fill(LoadDriver d, int existing) throws Exception {
        AtomicInteger appended = new AtomicInteger(existing);
        AtomicInteger done = new AtomicInteger();
        int toAppend = d.messages - existing;
        long[] tenthEnds = new long[11];
        long start = System.nanoTime();
        tenthEnds[0] = start;
        Clients.Run run = Clients.run(d, d.clients, 36_000, (client, latencies, deadline) -> {
            Corpus corpus = new Corpus(client);
            try (ImapConnection imap = d.login(1)) {
                while (true) {
                    int n = appended.incrementAndGet();
                    if (n > d.messages) {
                        break;
                    }
                    long t = System.nanoTime();
                    imap.append("INBOX", null, corpus.small()).require();
                    latencies.record("FILL_APPEND", System.nanoTime() - t);
                    int completed = done.incrementAndGet();
                    if ((long) completed * 10 % toAppend == 0) {
                        tenthEnds[(int) ((long) completed * 10 / toAppend)] = System.nanoTime();
                    }
                }
                imap.command("LOGOUT");
            }
            return false;
        });
        StringBuilder rates = new StringBuilder("appends/s per tenth of the fill:");
        for (int i = 1; i <= 10; i++) {
            if (tenthEnds[i] > 0 && tenthEnds[i - 1] > 0) {
                rates.append(' ').append(LoadDriver.fmt(toAppend / 10.0 / ((tenthEnds[i] - tenthEnds[i - 1]) / 1e9)));
            } else {
                rates.append(" ?");
            }
        }
        d.report("FILL", run.latencies, run.seconds, run.cpuMillis,
                "from=" + existing + " to=" + d.messages + " " + rates);
    }
}
