package io.syncstore.it.load;

import java.io.IOException;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Resynchronisation of a device that was away, on the BIGBOX user's INBOX (user 1 of the prefix, as filled by the
 * BIGBOX workload): --rounds times, the device notes UIDVALIDITY and HIGHESTMODSEQ (ENABLE QRESYNC, SELECT) and
 * leaves; a writer makes 10 changes (5 flag changes, 3 expunges, 2 appends); the device comes back and
 * {@code SELECT INBOX (QRESYNC (uidvalidity modseq))} is timed until its tagged OK, with the server CPU it took.
 * The line count of VANISHED and FETCH responses is reported, to compare what each server sends.
 */
final class QresyncLoad {
    private static final Pattern UIDVALIDITY = Pattern.compile("UIDVALIDITY (\\d+)");
    private static final Pattern HIGHESTMODSEQ = Pattern.compile("HIGHESTMODSEQ (\\d+)");

    private QresyncLoad() {
    }

    static void run(LoadDriver d) throws Exception {
        Random random = new Random(7162);
        Latencies latencies = new Latencies();
        double cpuMillis = 0;
        long seconds = 0;
        long answerLines = 0;
        int messages = 0;
        for (int round = 0; round < d.rounds; round++) {
            long uidValidity;
            long modSeq;
            try (ImapConnection device = d.login(1)) {
                device.command("ENABLE QRESYNC").require();
                ImapConnection.Response selected = device.command("SELECT INBOX").require();
                messages = selected.exists();
                String text = String.join(" ", selected.untagged);
                uidValidity = number(UIDVALIDITY, text);
                modSeq = number(HIGHESTMODSEQ, text);
                device.command("LOGOUT");
            }
            try (ImapConnection writer = d.login(1)) {
                tenChanges(writer, random, new Corpus(round));
                writer.command("LOGOUT");
            }
            try (ImapConnection device = d.login(1)) {
                device.command("ENABLE QRESYNC").require();
                double cpuBefore = d.cpuMillis();
                long start = System.nanoTime();
                ImapConnection.Response resync = device.command("SELECT INBOX (QRESYNC (" + uidValidity + " " + modSeq + "))").require();
                long nanos = System.nanoTime() - start;
                cpuMillis += d.cpuMillis() - cpuBefore;
                latencies.record("RESYNC", nanos);
                seconds += nanos;
                answerLines += resync.untagged.stream().filter(line -> line.startsWith("* VANISHED") || line.contains(" FETCH ")).count();
                device.command("LOGOUT");
            }
        }
        d.report("QRESYNC", latencies, seconds / 1e9, cpuMillis,
            "messages=" + messages + " vanished+fetch lines per resync=" + LoadDriver.fmt((double) answerLines / d.rounds), "RESYNC");
    }

    private static void tenChanges(ImapConnection writer, Random random, Corpus corpus) throws IOException {
        int exists = writer.command("SELECT INBOX").require().exists();
        for (int i = 0; i < 5; i++) {
            writer.command("STORE " + (1 + random.nextInt(exists)) + " +FLAGS (" + (i % 2 == 0 ? "\\Flagged" : "\\Seen") + ")").require();
        }
        for (int i = 0; i < 3; i++) {
            writer.command("STORE " + (1 + random.nextInt(exists - i)) + " +FLAGS (\\Deleted)").require();
            writer.command("EXPUNGE").require();
        }
        writer.append("INBOX", null, corpus.small()).require();
        writer.append("INBOX", null, corpus.small()).require();
    }

    private static long number(Pattern pattern, String text) throws IOException {
        Matcher matcher = pattern.matcher(text);
        if (!matcher.find()) {
            throw new IOException(pattern + " not in the SELECT response: " + text);
        }
        return Long.parseLong(matcher.group(1));
    }
}
