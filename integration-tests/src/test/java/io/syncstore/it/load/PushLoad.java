package io.syncstore.it.load;

import java.io.IOException;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Change propagation: --sessions connections of user 1 wait for news of the INBOX; a writer connection of the same
 * user APPENDs a small message to the INBOX --rounds times (after 5 unreported rounds) and, after each, waits until
 * every session has heard of it, at most 5 s (else counted as an error, "missed"). Latency: from just before the
 * writer sends its APPEND to the arrival at each session; FIRST_TOLD and LAST_TOLD, per change, the first and the last
 * session to hear of it.
 * IDLE: sessions SELECT INBOX then IDLE, and wait for "* n EXISTS".
 * IDLE_FLAGS: the same sessions; the writer, with the INBOX selected, sets and clears \Flagged on one message it appended
 * first, in turn, instead of APPENDing, and the sessions wait for "* n FETCH (... FLAGS ...)".
 * NOTIFY: sessions SELECT Elsewhere then NOTIFY SET (personal (MessageNew MessageExpunge)), and wait for
 * "* STATUS INBOX (...)".
 * With two --port values (two nodes), the sessions are on the first and the writer on the second: the latency across
 * nodes.
 */
final class PushLoad {
    private PushLoad() {
    }

    private static volatile PushRound current;

    static void run(LoadDriver d) throws Exception {
        boolean notify = d.workload == Workload.NOTIFY;
        boolean flags = d.workload == Workload.IDLE_FLAGS;
        List<ImapConnection> sessions = new ArrayList<>();
        SessionLines lines = null;
        try (ImapConnection writer = d.loginElsewhere()) {
            writer.command("CREATE Elsewhere");
            long flagged = -1;
            if (flags) {
                flagged = writer.append("INBOX", null, new Corpus(7).small()).require().appendUid();
                writer.command("SELECT INBOX").require();
            }
            for (int i = 0; i < d.sessions; i++) {
                ImapConnection session = d.login(1);
                sessions.add(session);
                if (notify) {
                    session.command("SELECT Elsewhere").require();
                    ImapConnection.Response set = session.command("NOTIFY SET (personal (MessageNew MessageExpunge))");
                    if (!set.ok()) {
                        System.out.println(d.server + ": NOTIFY not supported: " + set.status);
                        Latencies none = new Latencies();
                        none.error("NOTIFY_SET");
                        d.report("NOTIFY", none, 1, Double.NaN, "unsupported: " + set.status);
                        closeAll(sessions);
                        return;
                    }
                } else {
                    session.command("SELECT INBOX").require();
                    session.send("IDLE");
                    String continuation = session.readLine();
                    if (!continuation.startsWith("+")) {
                        throw new IOException("IDLE refused: " + continuation);
                    }
                }
            }
            List<SocketChannel> channels = new ArrayList<>();
            for (ImapConnection session : sessions) {
                channels.add(session.handOver());
            }
            lines = new SessionLines(channels, (index, line) -> heard(index, line, d.workload));
            Corpus corpus = new Corpus(42);
            Latencies latencies = new Latencies();
            Latencies ignored = new Latencies();
            double cpuBefore = 0;
            long measuredStart = 0;
            for (int round = 0; round < d.warmupRounds + d.rounds; round++) {
                boolean measured = round >= d.warmupRounds;
                if (round == d.warmupRounds) {
                    cpuBefore = d.cpuMillis();
                    measuredStart = System.nanoTime();
                }
                Latencies target = measured ? latencies : ignored;
                PushRound r = new PushRound(d.sessions);
                current = r;
                if (flags) {
                    writer.command("UID STORE " + flagged + (round % 2 == 0 ? " +" : " -") + "FLAGS.SILENT (\\Flagged)").require();
                    target.record("WRITER_STORE", System.nanoTime() - r.start);
                } else {
                    writer.append("INBOX", null, corpus.small()).require();
                    target.record("WRITER_APPEND", System.nanoTime() - r.start);
                }
                r.all.await(5, TimeUnit.SECONDS);
                current = null;
                long first = Long.MAX_VALUE;
                long last = 0;
                for (int i = 0; i < d.sessions; i++) {
                    if (r.heard.get(i) == 1) {
                        target.record("DELIVERED", r.latency[i]);
                        first = Math.min(first, r.latency[i]);
                        last = Math.max(last, r.latency[i]);
                    } else {
                        target.error("DELIVERED");
                    }
                }
                if (last > 0) {
                    target.record("FIRST_TOLD", first);
                    target.record("LAST_TOLD", last);
                }
                Thread.sleep(20);
            }
            double seconds = (System.nanoTime() - measuredStart) / 1e9;
            double cpu = d.cpuMillis() - cpuBefore;
            Latencies.Series delivered = latencies.series().get("DELIVERED");
            d.report(d.workload.name(), latencies, seconds, cpu, String.format(
                    "sessions=%d changes=%d server_CPU_ms_per_change=%s delivered=%d missed=%d", d.sessions, d.rounds,
                    LoadDriver.fmt(cpu / d.rounds), delivered.size, delivered.errors), "DELIVERED");
            writer.command("LOGOUT");
        } finally {
            if (lines != null) {
                lines.close();
            }
            closeAll(sessions);
        }
    }

    private static void heard(int index, String line, Workload workload) {
        boolean news;
        switch (workload) {
            case NOTIFY:
                news = line.startsWith("* STATUS") && line.toUpperCase().contains("INBOX");
                break;
            case IDLE_FLAGS:
                news = line.startsWith("* ") && line.contains(" FETCH (") && line.contains("FLAGS");
                break;
            default:
                news = line.startsWith("* ") && line.endsWith(" EXISTS");
        }
        PushRound r = current;
        if (news && r != null) {
            r.arrive(index);
        }
    }

    private static void closeAll(List<ImapConnection> sessions) {
        for (ImapConnection session : sessions) {
            try {
                session.close();
            } catch (IOException ignored) {
                // closing anyway
            }
        }
    }
}
