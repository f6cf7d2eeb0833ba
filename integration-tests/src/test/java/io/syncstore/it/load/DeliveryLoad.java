package io.syncstore.it.load;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * APPEND and LMTP: each client delivers distinct messages of the corpus, one at a time, to its own user
 * (client i to user i mod users); an APPEND waits for its tagged OK (the message is durable when the server says so).
 * DEDUP: --messages messages, each to all --users users, by LMTP with one RCPT per user when --lmtp-port is set,
 * else by one APPEND per user (each client keeps one connection per user); reports the bytes delivered, for the
 * disk-usage ratio that the script measures.
 */
final class DeliveryLoad {
    private DeliveryLoad() {
    }

    static void run(LoadDriver d) throws Exception {
        if (d.workload == Workload.DEDUP) {
            dedup(d);
            return;
        }
        AtomicLong bytes = new AtomicLong();
        Clients.Loop loop = d.workload == Workload.LMTP ? lmtp(d, bytes) : append(d, bytes);
        if (d.warmup > 0) {
            Clients.run(d, d.clients, d.warmup, loop);
        }
        bytes.set(0);
        Clients.Run run = Clients.run(d, d.clients, d.seconds, loop);
        d.report(d.workload.name(), run.latencies, run.seconds, run.cpuMillis,
                String.format("bytes=%d MB/s=%.2f", bytes.get(), bytes.get() / run.seconds / 1e6));
    }

    private static Clients.Loop append(LoadDriver d, AtomicLong bytes) {
        return (client, latencies, deadline) -> {
            Corpus corpus = new Corpus(client * 7919L + System.nanoTime());
            try (ImapConnection imap = d.login(client % d.users + 1)) {
                while (System.nanoTime() < deadline) {
                    byte[] message = corpus.next();
                    long start = System.nanoTime();
                    ImapConnection.Response response = imap.append("INBOX", null, message);
                    if (response.ok()) {
                        latencies.record("APPEND", System.nanoTime() - start);
                        bytes.addAndGet(message.length);
                    } else {
                        latencies.error("APPEND");
                    }
                }
                imap.command("LOGOUT");
            }
            return true;
        };
    }

    /** APPEND_EXPUNGE: each client on its own user's selected INBOX appends, flags the new message \Deleted, expunges. */
    static void appendExpunge(LoadDriver d) throws Exception {
        AtomicLong bytes = new AtomicLong();
        Clients.Loop loop = (client, latencies, deadline) -> {
            Corpus corpus = new Corpus(client * 7919L + System.nanoTime());
            try (ImapConnection imap = d.login(client % d.users + 1)) {
                imap.command("SELECT INBOX").require();
                while (System.nanoTime() < deadline) {
                    byte[] message = corpus.next();
                    long start = System.nanoTime();
                    ImapConnection.Response appended = imap.append("INBOX", null, message);
                    long uid = appended.appendUid();
                    if (!appended.ok() || uid < 0) {
                        latencies.error("APPEND");
                        continue;
                    }
                    latencies.record("APPEND", System.nanoTime() - start);
                    bytes.addAndGet(message.length);
                    timed(latencies, "STORE", imap, "UID STORE " + uid + " +FLAGS.SILENT (\\Deleted)");
                    timed(latencies, "EXPUNGE", imap, "EXPUNGE");
                }
                imap.command("LOGOUT");
            }
            return true;
        };
        if (d.warmup > 0) {
            Clients.run(d, d.clients, d.warmup, loop);
        }
        bytes.set(0);
        Clients.Run run = Clients.run(d, d.clients, d.seconds, loop);
        Latencies.Series appends = run.latencies.series().get("APPEND");
        d.report(d.workload.name(), run.latencies, run.seconds, run.cpuMillis, String.format(
                "APPEND/s=%.1f bytes=%d", appends == null ? 0 : appends.size / run.seconds, bytes.get()));
    }

    private static void timed(Latencies latencies, String operation, ImapConnection imap, String command)
            throws java.io.IOException {
        long start = System.nanoTime();
        if (imap.command(command).ok()) {
            latencies.record(operation, System.nanoTime() - start);
        } else {
            latencies.error(operation);
        }
    }

    private static Clients.Loop lmtp(LoadDriver d, AtomicLong bytes) {
        return (client, latencies, deadline) -> {
            Corpus corpus = new Corpus(client * 7919L + System.nanoTime());
            try (LmtpConnection lmtp = new LmtpConnection(d.host, d.lmtpPort)) {
                while (System.nanoTime() < deadline) {
                    byte[] message = corpus.next();
                    long start = System.nanoTime();
                    if (lmtp.deliver("sender@example.org", List.of(d.user(client % d.users + 1)), message) == 1) {
                        latencies.record("LMTP", System.nanoTime() - start);
                        bytes.addAndGet(message.length);
                    } else {
                        latencies.error("LMTP");
                    }
                }
            }
            return true;
        };
    }

    private static void dedup(LoadDriver d) throws Exception {
        List<String> recipients = new ArrayList<>();
        for (int i = 1; i <= d.users; i++) {
            recipients.add(d.user(i));
        }
        AtomicInteger next = new AtomicInteger();
        AtomicLong bytes = new AtomicLong();
        AtomicLong unique = new AtomicLong();
        Clients.Run run = Clients.run(d, d.clients, 3600, (client, latencies, deadline) -> {
            Corpus corpus = new Corpus(client * 104729L);
            List<ImapConnection> connections = new ArrayList<>();
            if (d.lmtpPort <= 0) {
                for (int i = 1; i <= d.users; i++) {
                    connections.add(d.login(i));
                }
            }
            while (next.getAndIncrement() < d.messages) {
                byte[] message = corpus.next();
                long start = System.nanoTime();
                int delivered = 0;
                if (d.lmtpPort > 0) {
                    try (LmtpConnection lmtp = new LmtpConnection(d.host, d.lmtpPort)) {
                        delivered = lmtp.deliver("sender@example.org", recipients, message);
                    }
                } else {
                    for (ImapConnection imap : connections) {
                        delivered += imap.append("INBOX", null, message).ok() ? 1 : 0;
                    }
                }
                latencies.record(d.lmtpPort > 0 ? "LMTP_x" + d.users : "APPEND_x" + d.users, System.nanoTime() - start);
                if (delivered < d.users) {
                    latencies.error("DELIVERY");
                }
                bytes.addAndGet((long) delivered * message.length);
                unique.addAndGet(message.length);
            }
            for (ImapConnection imap : connections) {
                imap.close();
            }
            return false;
        });
        d.report(d.lmtpPort > 0 ? "DEDUP_LMTP" : "DEDUP_APPEND", run.latencies, run.seconds, run.cpuMillis,
                "delivered_bytes=" + bytes.get() + " unique_bytes=" + unique.get() + " via="
                        + (d.lmtpPort > 0 ? "lmtp" : "append"));
    }
}
