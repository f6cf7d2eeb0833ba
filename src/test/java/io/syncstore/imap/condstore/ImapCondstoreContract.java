package io.syncstore.imap.condstore;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.apache.james.GuiceJamesServer;
import org.junit.jupiter.api.Test;

import io.syncstore.imap.ImapServerContract;
import io.syncstore.imap.RawImapClient;

/**
 * CONDSTORE and QRESYNC (RFC 7162) on the wire, on a real server with SyncStore's IMAP package: device A knows a
 * mailbox at a modseq, device B changes it, A resynchronizes. Each server's test class extends this contract: on
 * SyncStore's server the answers come from the expunge log and must be exact; on James's memory server from the
 * fallback, which may also name UIDs expunged before A's modseq.
 */
public abstract class ImapCondstoreContract extends ImapServerContract {
    static final String DOMAIN = "condstore.test";
    private static final Pattern FETCH = Pattern.compile("^\\* \\d+ FETCH \\((.*)\\)$");
    private static final Pattern UID = Pattern.compile("UID (\\d+)");
    private static final Pattern FLAGS = Pattern.compile("FLAGS \\(([^)]*)\\)");
    private static final Pattern MODSEQ = Pattern.compile("MODSEQ \\((\\d+)\\)");
    private static final Pattern HIGHEST = Pattern.compile("HIGHESTMODSEQ (\\d+)");
    private static final Pattern UIDVALIDITY = Pattern.compile("UIDVALIDITY (\\d+)");

    public static void useServer(GuiceJamesServer jamesServer) throws Exception {
        startUsing(jamesServer, DOMAIN);
    }

    /** True when the server answers from an expunge log: VANISHED must then name exactly the UIDs expunged since. */
    protected abstract boolean exactVanished();

    static void append(RawImapClient client, String mailbox, String subject) throws IOException {
        String message = "From: b@example.com\r\nSubject: " + subject + "\r\n\r\nbody of " + subject + "\r\n";
        String tag = client.nextTag();
        client.write(tag + " APPEND " + mailbox + " {" + message.getBytes(StandardCharsets.UTF_8).length + "+}\r\n" + message + "\r\n");
        ok(client.readUntilTagged(tag));
    }

    /** What device A keeps between connections. */
    static final class Replica {
        long uidValidity;
        long highestModSeq;
        final TreeMap<Long, TreeSet<String>> flagsByUid = new TreeMap<>();
        final TreeSet<Long> lastVanished = new TreeSet<>();

        void apply(List<String> lines) {
            lastVanished.clear();
            for (String line : lines) {
                matchLong(UIDVALIDITY, line).ifPresent(value -> uidValidity = value);
                if (line.startsWith("* OK [HIGHESTMODSEQ") || line.matches("a\\d+ OK \\[HIGHESTMODSEQ.*")) {
                    matchLong(HIGHEST, line).ifPresent(value -> highestModSeq = Math.max(highestModSeq, value));
                }
                if (line.startsWith("* VANISHED (EARLIER) ")) {
                    TreeSet<Long> uids = uidSet(line.substring("* VANISHED (EARLIER) ".length()));
                    lastVanished.addAll(uids);
                    uids.forEach(flagsByUid::remove);
                }
                Matcher fetch = FETCH.matcher(line);
                if (fetch.matches()) {
                    long uid = matchLong(UID, fetch.group(1)).orElseThrow();
                    flagsByUid.put(uid, flags(fetch.group(1)));
                    matchLong(MODSEQ, fetch.group(1)).ifPresent(value -> highestModSeq = Math.max(highestModSeq, value));
                }
            }
        }

        String qresync() {
            return "(QRESYNC (" + uidValidity + " " + highestModSeq + "))";
        }
    }

    static TreeSet<String> flags(String fetchItems) {
        Matcher matcher = FLAGS.matcher(fetchItems);
        TreeSet<String> flags = new TreeSet<>();
        if (matcher.find()) {
            for (String flag : matcher.group(1).split(" ")) {
                if (!flag.isEmpty() && !flag.equals("\\Recent")) {
                    flags.add(flag);
                }
            }
        }
        return flags;
    }

    static java.util.Optional<Long> matchLong(Pattern pattern, String text) {
        Matcher matcher = pattern.matcher(text);
        return matcher.find() ? java.util.Optional.of(Long.parseLong(matcher.group(1))) : java.util.Optional.empty();
    }

    static TreeSet<Long> uidSet(String set) {
        TreeSet<Long> uids = new TreeSet<>();
        for (String part : set.trim().split(",")) {
            String[] bounds = part.split(":");
            long low = Long.parseLong(bounds[0]);
            long high = bounds.length > 1 ? Long.parseLong(bounds[1]) : low;
            for (long uid = Math.min(low, high); uid <= Math.max(low, high); uid++) {
                uids.add(uid);
            }
        }
        return uids;
    }

    /** The mailbox as the server has it now: UID → flags. */
    static TreeMap<Long, TreeSet<String>> truth(RawImapClient client) throws IOException {
        TreeMap<Long, TreeSet<String>> truth = new TreeMap<>();
        for (String line : ok(client.command("UID FETCH 1:* (FLAGS)"))) {
            Matcher fetch = FETCH.matcher(line);
            if (fetch.matches()) {
                truth.put(matchLong(UID, fetch.group(1)).orElseThrow(), flags(fetch.group(1)));
            }
        }
        return truth;
    }

    Replica firstSync(String user, int messages) throws IOException {
        Replica replica = new Replica();
        try (RawImapClient deviceA = connect(user)) {
            for (int i = 0; i < messages; i++) {
                append(deviceA, "INBOX", "message " + i);
            }
            ok(deviceA.command("ENABLE QRESYNC"));
            replica.apply(ok(deviceA.command("SELECT INBOX")));
            replica.apply(ok(deviceA.command("UID FETCH 1:* (FLAGS MODSEQ)")));
        }
        return replica;
    }

    @Test
    void condstoreIsAdvertisedAndCanBeEnabled() throws Exception {
        try (RawImapClient client = connect(newUser())) {
            assertThat(ok(client.command("CAPABILITY")).get(0)).contains(" CONDSTORE").contains(" QRESYNC");
            assertThat(ok(client.command("ENABLE CONDSTORE"))).contains("* ENABLED CONDSTORE");
            assertThat(ok(client.command("SELECT INBOX"))).anyMatch(line -> line.startsWith("* OK [HIGHESTMODSEQ "));
        }
    }

    /** Else the next resync fetches again the flags of every message that was recent. */
    @Test
    void readWriteSelectReportsTheHighestModSeqAfterClearingRecent() throws Exception {
        String user = newUser();
        try (RawImapClient client = connect(user)) {
            for (int i = 0; i < 3; i++) {
                append(client, "INBOX", "recent " + i);
            }
            ok(client.command("ENABLE QRESYNC"));
            List<String> selected = ok(client.command("SELECT INBOX"));
            assertThat(selected).contains("* 3 RECENT");
            long highest = matchLong(HIGHEST, selected.stream().filter(line -> line.contains("HIGHESTMODSEQ"))
                .findFirst().orElseThrow()).orElseThrow();
            List<String> changed = ok(client.command("UID FETCH 1:* (FLAGS) (CHANGEDSINCE " + highest + ")"));
            assertThat(changed).hasSize(1);
        }
    }

    @Test
    void searchModSeqAndStatusHighestModSeq() throws Exception {
        String user = newUser();
        Replica replica = firstSync(user, 4);
        try (RawImapClient client = connect(user)) {
            ok(client.command("ENABLE CONDSTORE"));
            ok(client.command("SELECT INBOX"));
            List<String> stored = ok(client.command("UID STORE 3 +FLAGS (\\Seen)"));
            long modSeq = matchLong(MODSEQ, String.join(" ", stored)).orElseThrow();
            assertThat(modSeq).isGreaterThan(replica.highestModSeq);
            assertThat(ok(client.command("UID SEARCH MODSEQ " + (replica.highestModSeq + 1))))
                .contains("* SEARCH 3 (MODSEQ " + modSeq + ")");
            assertThat(ok(client.command("STATUS INBOX (HIGHESTMODSEQ MESSAGES)")).get(0))
                .contains("HIGHESTMODSEQ " + modSeq).contains("MESSAGES 4");
        }
    }

    @Test
    void selectWithQresyncReportsFlagChangesAndExactlyTheExpungedUids() throws Exception {
        String user = newUser();
        Replica replica = firstSync(user, 10);
        try (RawImapClient deviceB = connect(user)) {
            ok(deviceB.command("SELECT INBOX"));
            ok(deviceB.command("UID STORE 3 +FLAGS (\\Flagged)"));
            // the head and the tail of the UID range too: James's own answer misses those
            ok(deviceB.command("UID STORE 1:2,5,9:10 +FLAGS (\\Deleted)"));
            ok(deviceB.command("EXPUNGE"));
            append(deviceB, "INBOX", "new");
        }
        try (RawImapClient deviceA = connect(user)) {
            ok(deviceA.command("ENABLE QRESYNC"));
            List<String> lines = ok(deviceA.command("SELECT INBOX " + replica.qresync()));
            replica.apply(lines);
            assertThat(lines).contains("* VANISHED (EARLIER) 1:2,5,9:10");
            List<String> fetched = lines.stream().filter(line -> FETCH.matcher(line).matches()).collect(Collectors.toList());
            assertThat(fetched).hasSize(2);
            assertThat(fetched.get(0)).contains("UID 3").contains("\\Flagged").contains("MODSEQ (");
            assertThat(fetched.get(1)).contains("UID 11");
            assertThat(replica.flagsByUid).isEqualTo(truth(deviceA));
        }
    }

    @Test
    void uidFetchChangedSinceWithVanished() throws Exception {
        String user = newUser();
        Replica replica = firstSync(user, 6);
        try (RawImapClient deviceB = connect(user)) {
            ok(deviceB.command("SELECT INBOX"));
            ok(deviceB.command("UID STORE 6 +FLAGS (\\Deleted)"));
            ok(deviceB.command("EXPUNGE"));
            ok(deviceB.command("UID STORE 2 +FLAGS (\\Seen)"));
        }
        try (RawImapClient deviceA = connect(user)) {
            ok(deviceA.command("ENABLE QRESYNC"));
            ok(deviceA.command("SELECT INBOX"));
            List<String> lines = ok(deviceA.command("UID FETCH 1:* (FLAGS) (CHANGEDSINCE " + replica.highestModSeq + " VANISHED)"));
            assertThat(lines).contains("* VANISHED (EARLIER) 6");
            assertThat(lines.stream().filter(line -> FETCH.matcher(line).matches()))
                .singleElement().asString().contains("UID 2").contains("\\Seen");
            List<String> nothing = ok(deviceA.command("UID FETCH 1:* (FLAGS) (CHANGEDSINCE " + replica.highestModSeq + ")"));
            assertThat(nothing.stream().filter(line -> FETCH.matcher(line).matches())).hasSize(1);
            assertThat(ok(deviceA.command("FETCH 1:* (FLAGS) (CHANGEDSINCE 999999999)"))).hasSize(1);
        }
    }

    @Test
    void knownUidsLimitTheVanishedUids() throws Exception {
        String user = newUser();
        Replica replica = firstSync(user, 8);
        try (RawImapClient deviceB = connect(user)) {
            ok(deviceB.command("SELECT INBOX"));
            ok(deviceB.command("UID STORE 2,7 +FLAGS (\\Deleted)"));
            ok(deviceB.command("EXPUNGE"));
        }
        try (RawImapClient deviceA = connect(user)) {
            ok(deviceA.command("ENABLE QRESYNC"));
            List<String> lines = ok(deviceA.command("SELECT INBOX (QRESYNC (" + replica.uidValidity + " "
                + replica.highestModSeq + " 5:8))"));
            assertThat(lines).contains("* VANISHED (EARLIER) 7").doesNotContain("* VANISHED (EARLIER) 2,7");
        }
    }

    @Test
    void anotherUidValidityGivesAPlainSelect() throws Exception {
        String user = newUser();
        Replica replica = firstSync(user, 3);
        try (RawImapClient deviceA = connect(user)) {
            ok(deviceA.command("ENABLE QRESYNC"));
            List<String> lines = ok(deviceA.command("SELECT INBOX (QRESYNC (" + (replica.uidValidity + 1) + " 1))"));
            assertThat(lines).noneMatch(line -> line.startsWith("* VANISHED") || line.contains(" FETCH "));
        }
    }

    @Test
    void qresyncParameterWithoutEnableIsBad() throws Exception {
        try (RawImapClient client = connect(newUser())) {
            assertThat(RawImapClient.last(client.command("SELECT INBOX (QRESYNC (1 1))"))).matches("a\\d+ BAD .*");
            ok(client.command("SELECT INBOX"));
            assertThat(RawImapClient.last(client.command("UID FETCH 1:* (FLAGS) (CHANGEDSINCE 1 VANISHED)"))).matches("a\\d+ BAD .*");
        }
    }

    @Test
    void storeUnchangedSinceReportsModifiedMessages() throws Exception {
        String user = newUser();
        Replica replica = firstSync(user, 3);
        try (RawImapClient deviceB = connect(user)) {
            ok(deviceB.command("SELECT INBOX"));
            ok(deviceB.command("UID STORE 2 +FLAGS (\\Answered)"));
        }
        try (RawImapClient deviceA = connect(user)) {
            ok(deviceA.command("ENABLE CONDSTORE"));
            ok(deviceA.command("SELECT INBOX"));
            List<String> lines = deviceA.command("UID STORE 1:3 (UNCHANGEDSINCE " + replica.highestModSeq + ") +FLAGS (\\Seen)");
            assertThat(RawImapClient.last(lines)).matches("a\\d+ OK \\[MODIFIED 2\\].*");
            TreeMap<Long, TreeSet<String>> truth = truth(deviceA);
            assertThat(truth.get(1L)).contains("\\Seen");
            assertThat(truth.get(2L)).containsExactly("\\Answered");
            assertThat(truth.get(3L)).contains("\\Seen");
        }
    }

    /** Random changes by B between A's connections; after each resync A's replica must equal the mailbox. */
    @Test
    void replicaFollowsRandomChanges() throws Exception {
        Random random = new Random(7162);
        for (int sequence = 0; sequence < 6; sequence++) {
            String user = newUser();
            Replica replica = firstSync(user, 5 + random.nextInt(10));
            TreeSet<Long> expungedSinceA = new TreeSet<>();
            for (int round = 0; round < 8; round++) {
                TreeSet<Long> known = new TreeSet<>(replica.flagsByUid.keySet());
                try (RawImapClient deviceB = connect(user)) {
                    ok(deviceB.command("SELECT INBOX"));
                    TreeMap<Long, TreeSet<String>> before = truth(deviceB);
                    randomChanges(deviceB, random, before);
                    TreeSet<Long> gone = new TreeSet<>(before.keySet());
                    gone.removeAll(truth(deviceB).keySet());
                    expungedSinceA.addAll(gone);
                }
                try (RawImapClient deviceA = connect(user)) {
                    ok(deviceA.command("ENABLE QRESYNC"));
                    replica.apply(ok(deviceA.command("SELECT INBOX " + replica.qresync())));
                    TreeMap<Long, TreeSet<String>> truth = truth(deviceA);
                    assertThat(replica.flagsByUid).as("sequence %d round %d", sequence, round).isEqualTo(truth);
                    TreeSet<Long> knownGone = new TreeSet<>(known);
                    knownGone.removeAll(truth.keySet());
                    if (exactVanished()) {
                        TreeSet<Long> expected = new TreeSet<>(expungedSinceA);
                        assertThat(replica.lastVanished).as("VANISHED, sequence %d round %d", sequence, round).isEqualTo(expected);
                    } else {
                        assertThat(replica.lastVanished).containsAll(knownGone).doesNotContainAnyElementsOf(truth.keySet());
                    }
                    expungedSinceA.clear();
                }
            }
        }
    }

    private static void randomChanges(RawImapClient client, Random random, TreeMap<Long, TreeSet<String>> mailbox) throws IOException {
        List<Long> uids = new ArrayList<>(mailbox.keySet());
        String[] flags = {"\\Seen", "\\Flagged", "\\Answered", "$Label1", "$Forwarded"};
        int operations = 1 + random.nextInt(5);
        for (int i = 0; i < operations; i++) {
            int kind = random.nextInt(10);
            if (kind < 3 || uids.isEmpty()) {
                append(client, "INBOX", "random " + random.nextInt());
            } else if (kind < 7) {
                long uid = uids.get(random.nextInt(uids.size()));
                String sign = random.nextBoolean() ? "+" : "-";
                ok(client.command("UID STORE " + uid + " " + sign + "FLAGS (" + flags[random.nextInt(flags.length)] + ")"));
            } else if (kind < 9) {
                long uid = uids.remove(random.nextInt(uids.size()));
                ok(client.command("UID STORE " + uid + " +FLAGS (\\Deleted)"));
                ok(client.command("UID EXPUNGE " + uid));
            } else {
                long uid = uids.remove(random.nextInt(uids.size()));
                ok(client.command("UID MOVE " + uid + " Trash"));
            }
        }
    }
}
