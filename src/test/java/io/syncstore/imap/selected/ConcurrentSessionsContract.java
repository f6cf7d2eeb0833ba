package io.syncstore.imap.selected;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.james.GuiceJamesServer;
import org.junit.jupiter.api.Test;

import io.syncstore.imap.ImapServerContract;
import io.syncstore.imap.RawImapClient;

/**
 * Model-based: several connections of one user on INBOX — one idling, one with NOTIFY, one polling with NOOP, one
 * with QRESYNC that now and then reconnects — take turns making random changes. After every step each connection's
 * view (UIDs in sequence order, flags and keywords) must equal the model of the mailbox, the idling and NOTIFY
 * connections without sending a command; every untagged response is checked against RFC 3501 §7 / RFC 9051 §7.5.
 * Seeds come from the clock; a failure names its seed, rerun it with {@code -Dsyncstore.model.seed=N
 * -Dsyncstore.model.seeds=1}.
 */
public abstract class ConcurrentSessionsContract extends ImapServerContract {
    static final String DOMAIN = "sessions.test";
    private static final int SEEDS = Integer.getInteger("syncstore.model.seeds", 6);
    private static final int STEPS = Integer.getInteger("syncstore.model.steps", 40);
    private static final Duration PUSH = Duration.ofSeconds(5);
    private static final String[] FLAGS = {"\\Seen", "\\Flagged", "\\Deleted", "\\Answered", "$Work", "$Home"};

    private static final Pattern EXISTS = Pattern.compile("^\\* (\\d+) EXISTS$");
    private static final Pattern EXPUNGE = Pattern.compile("^\\* (\\d+) EXPUNGE$");
    private static final Pattern RECENT = Pattern.compile("^\\* (\\d+) RECENT$");
    private static final Pattern VANISHED = Pattern.compile("^\\* VANISHED (\\(EARLIER\\) )?([0-9:,]+)$");
    private static final Pattern FLAGS_LINE = Pattern.compile("^\\* FLAGS \\(([^)]*)\\)$");
    private static final Pattern FETCH = Pattern.compile("^\\* (\\d+) FETCH \\((.*)\\)$");
    private static final Pattern FETCH_FLAGS = Pattern.compile("FLAGS \\(([^)]*)\\)");
    private static final Pattern FETCH_UID = Pattern.compile("UID (\\d+)");
    private static final Pattern FETCH_MODSEQ = Pattern.compile("MODSEQ \\((\\d+)\\)");
    private static final Pattern HIGHESTMODSEQ = Pattern.compile("\\[HIGHESTMODSEQ (\\d+)]");
    private static final Pattern UIDVALIDITY = Pattern.compile("\\[UIDVALIDITY (\\d+)]");
    private static final Pattern APPENDUID = Pattern.compile("\\[APPENDUID \\d+ (\\d+)]");
    private static final Pattern COPYUID = Pattern.compile("\\[COPYUID \\d+ ([0-9:,]+) ([0-9:,]+)]");

    public static void useServer(GuiceJamesServer jamesServer) throws Exception {
        startUsing(jamesServer, DOMAIN);
    }

    enum Mode { IDLE, NOTIFY, POLL, QRESYNC }

    /** The mailbox as it is: UID → flags (without \Recent). */
    static final class Model {
        final TreeMap<Long, Set<String>> messages = new TreeMap<>();

        List<Long> uids() {
            return new ArrayList<>(messages.keySet());
        }
    }

    static final class Entry {
        Long uid;
        Set<String> flags;

        Entry(Long uid, Set<String> flags) {
            this.uid = uid;
            this.flags = flags;
        }
    }

    /** One connection and what it was told. */
    final class Client {
        final String name;
        final Mode mode;
        final String user;
        final List<String> log;
        RawImapClient imap;
        List<Entry> view = new ArrayList<>();
        final Set<String> announced = new TreeSet<>();
        String idleTag;
        long uidValidity;
        long highestModSeq;

        Client(String name, Mode mode, String user, List<String> log) {
            this.name = name;
            this.mode = mode;
            this.user = user;
            this.log = log;
        }

        void open() throws IOException {
            imap = connect(user);
            if (mode == Mode.QRESYNC) {
                read(imap.command("ENABLE QRESYNC"), true);
            }
            if (mode == Mode.QRESYNC && uidValidity != 0) {
                resynchronize();
            } else {
                read(ok(imap.command("SELECT INBOX")), true);
            }
            if (mode == Mode.NOTIFY) {
                read(ok(imap.command("NOTIFY SET (selected (MessageNew (UID FLAGS) MessageExpunge FlagChange))")), true);
            }
            if (mode == Mode.IDLE) {
                startIdle();
            }
        }

        /** RFC 7162 §3.2.5: what the client knew, minus VANISHED (EARLIER), plus the FETCHes, must be the mailbox. */
        private void resynchronize() throws IOException {
            announced.clear();
            Map<Long, Set<String>> known = new TreeMap<>();
            view.forEach(entry -> known.put(entry.uid, entry.flags));
            List<String> lines = ok(imap.command("SELECT INBOX (QRESYNC (" + uidValidity + " " + highestModSeq + "))"));
            log.add(name + " <- " + lines);
            long exists = -1;
            for (String line : lines) {
                Matcher matcher;
                if ((matcher = EXISTS.matcher(line)).matches()) {
                    exists = Long.parseLong(matcher.group(1));
                } else if ((matcher = VANISHED.matcher(line)).matches()) {
                    expand(matcher.group(2)).forEach(known::remove);
                } else if ((matcher = FETCH.matcher(line)).matches()) {
                    Matcher uid = FETCH_UID.matcher(matcher.group(2));
                    Matcher flags = FETCH_FLAGS.matcher(matcher.group(2));
                    check(uid.find() && flags.find(), "QRESYNC FETCH without UID and FLAGS: " + line);
                    known.put(Long.parseLong(uid.group(1)), flagSet(flags.group(1)));
                    flagSet(flags.group(1)).stream().filter(flag -> !flag.startsWith("\\"))
                        .forEach(keyword -> check(announced.contains(keyword), line + " before a FLAGS response listing " + keyword));
                } else if (FLAGS_LINE.matcher(line).matches() || RECENT.matcher(line).matches()) {
                    read(List.of(line), false);
                } else {
                    noteCodes(line);
                }
            }
            view = new ArrayList<>();
            known.forEach((uid, flags) -> view.add(new Entry(uid, flags)));
            check(exists == view.size(), "QRESYNC: " + exists + " EXISTS, resynchronized view has " + view.size());
        }

        void startIdle() throws IOException {
            idleTag = imap.nextTag();
            imap.write(idleTag + " IDLE\r\n");
            List<String> lines = imap.readUntil(line -> line.startsWith("+"), PUSH);
            read(lines.subList(0, lines.size() - 1), true);
        }

        void stopIdle() throws IOException {
            if (idleTag != null) {
                imap.write("DONE\r\n");
                List<String> lines = imap.readUntilTagged(idleTag);
                check(RawImapClient.last(lines).startsWith(idleTag + " OK"), "IDLE ended with " + lines);
                read(lines, true);
                idleTag = null;
            }
        }

        /** A command; {@code expunges} says whether RFC 3501 §7.4.1 lets EXPUNGE come with its responses. */
        List<String> command(String command, boolean expunges) throws IOException {
            boolean idling = idleTag != null;
            stopIdle();
            List<String> lines = imap.command(command);
            log.add(name + " -> " + command + " <- " + lines);
            read(lines, expunges || mode == Mode.NOTIFY);
            if (idling) {
                startIdle();
            }
            return lines;
        }

        /** Applies untagged responses to the view, checking each against the RFC rules. */
        void read(List<String> lines, boolean expungesAllowed) {
            for (String line : lines) {
                Matcher matcher;
                if ((matcher = EXISTS.matcher(line)).matches()) {
                    int exists = Integer.parseInt(matcher.group(1));
                    check(exists >= view.size(), line + " while " + view.size() + " were known (EXISTS never decreases)");
                    while (view.size() < exists) {
                        view.add(new Entry(null, null));
                    }
                } else if ((matcher = EXPUNGE.matcher(line)).matches()) {
                    int msn = Integer.parseInt(matcher.group(1));
                    check(expungesAllowed, line + " during a FETCH, STORE or SEARCH by sequence number");
                    check(msn >= 1 && msn <= view.size(), line + " with " + view.size() + " known");
                    if (msn >= 1 && msn <= view.size()) {
                        view.remove(msn - 1);
                    }
                } else if ((matcher = VANISHED.matcher(line)).matches()) {
                    check(matcher.group(1) == null, line + " outside of a resynchronization");
                    for (long uid : expand(matcher.group(2))) {
                        check(view.removeIf(entry -> entry.uid != null && entry.uid == uid), line + ": UID " + uid + " was not known");
                    }
                } else if ((matcher = RECENT.matcher(line)).matches()) {
                    check(Integer.parseInt(matcher.group(1)) <= view.size(), line + " with " + view.size() + " EXISTS");
                } else if ((matcher = FLAGS_LINE.matcher(line)).matches()) {
                    announced.clear();
                    announced.addAll(flagSet(matcher.group(1)));
                } else if ((matcher = FETCH.matcher(line)).matches()) {
                    fetch(line, Integer.parseInt(matcher.group(1)), matcher.group(2));
                } else {
                    noteCodes(line);
                }
            }
        }

        private void fetch(String line, int msn, String items) {
            if (msn < 1 || msn > view.size()) {
                check(false, line + " with " + view.size() + " EXISTS");
                return;
            }
            Entry entry = view.get(msn - 1);
            Matcher uid = FETCH_UID.matcher(items);
            if (uid.find()) {
                long value = Long.parseLong(uid.group(1));
                check(entry.uid == null || entry.uid == value, line + ": sequence number " + msn + " is UID " + entry.uid);
                entry.uid = value;
            }
            Matcher flags = FETCH_FLAGS.matcher(items);
            if (flags.find()) {
                Set<String> set = flagSet(flags.group(1));
                set.stream().filter(flag -> !flag.startsWith("\\"))
                    .forEach(keyword -> check(announced.contains(keyword), line + " before a FLAGS response listing " + keyword));
                entry.flags = set;
            }
            Matcher modSeq = FETCH_MODSEQ.matcher(items);
            if (modSeq.find()) {
                highestModSeq = Math.max(highestModSeq, Long.parseLong(modSeq.group(1)));
            }
        }

        private void noteCodes(String line) {
            Matcher matcher;
            if ((matcher = HIGHESTMODSEQ.matcher(line)).find()) {
                highestModSeq = Math.max(highestModSeq, Long.parseLong(matcher.group(1)));
            }
            if ((matcher = UIDVALIDITY.matcher(line)).find()) {
                uidValidity = Long.parseLong(matcher.group(1));
            }
        }

        void check(boolean condition, String what) {
            if (!condition) {
                throw new AssertionError(name + ": " + what);
            }
        }

        /** Brings the view up to date the way its mode does, then compares it with the model. */
        void catchUp(Model model, Random random) throws IOException {
            switch (mode) {
                case IDLE:
                    // told while idling, without a command: new messages count, flags and expunges of known ones
                    pump(model, false);
                    fillUnknown();
                    break;
                case NOTIFY:
                    // the MessageNew fetch attributes name the messages others add; its own APPENDs it fetches
                    pump(model, false);
                    fillUnknown();
                    break;
                case QRESYNC:
                    if (random.nextInt(6) == 0) {
                        // a client knows every message it was told of before it trusts its modseq
                        fillUnknown();
                        imap.close();
                        open();
                    } else {
                        command("NOOP", true);
                        fillUnknown();
                    }
                    break;
                default:
                    command("NOOP", true);
                    fillUnknown();
            }
            String difference = difference(model, true);
            check(difference == null, difference);
        }

        private void pump(Model model, boolean complete) throws IOException {
            long deadline = System.nanoTime() + PUSH.toNanos();
            imap.setTimeout(Duration.ofMillis(50));
            try {
                while (difference(model, complete) != null && System.nanoTime() < deadline) {
                    try {
                        String line = imap.readResponse();
                        log.add(name + " <- " + line);
                        read(List.of(line), true);
                    } catch (java.net.SocketTimeoutException e) {
                        // nothing yet
                    }
                }
            } finally {
                imap.setTimeout(Duration.ofSeconds(10));
            }
            String difference = difference(model, complete);
            check(difference == null, "not told within " + PUSH + " without a command: " + difference);
        }

        private void fillUnknown() throws IOException {
            int first = 0;
            int last = 0;
            for (int i = 0; i < view.size(); i++) {
                if (view.get(i).uid == null || view.get(i).flags == null) {
                    first = first == 0 ? i + 1 : first;
                    last = i + 1;
                }
            }
            if (first > 0) {
                command("FETCH " + first + ":" + last + " (UID FLAGS)", false);
            }
        }

        /** Null if the view is the model; new messages not fetched yet pass unless {@code complete}. */
        String difference(Model model, boolean complete) {
            List<Long> uids = model.uids();
            if (uids.size() != view.size()) {
                return "knows " + view.size() + " messages, the mailbox has " + uids.size();
            }
            for (int i = 0; i < uids.size(); i++) {
                Entry entry = view.get(i);
                if (entry.uid == null || entry.flags == null) {
                    if (complete) {
                        return "sequence number " + (i + 1) + " was never fetched";
                    }
                    continue;
                }
                if (!entry.uid.equals(uids.get(i))) {
                    return "sequence number " + (i + 1) + " is UID " + entry.uid + " here, " + uids.get(i) + " in the mailbox";
                }
                Set<String> flags = new TreeSet<>(entry.flags);
                flags.remove("\\Recent");
                if (!flags.equals(model.messages.get(uids.get(i)))) {
                    return "UID " + entry.uid + " has " + flags + " here, " + model.messages.get(uids.get(i)) + " in the mailbox";
                }
            }
            return null;
        }
    }

    @Test
    void aMessageArrivingInASelectedMailboxIsRecentInThatSessionOnly() throws Exception {
        String user = newUser();
        try (RawImapClient selecting = connect(user); RawImapClient examining = connect(user); RawImapClient appending = connect(user)) {
            ok(selecting.command("SELECT INBOX"));
            ok(examining.command("EXAMINE INBOX"));
            long uid = appendMessage(appending);

            List<String> told = ok(selecting.command("NOOP"));
            assertThat(told).contains("* 1 EXISTS", "* 1 RECENT");
            assertThat(recentUids(ok(selecting.command("FETCH 1:* (UID FLAGS)")))).containsExactly(uid);

            assertThat(ok(examining.command("NOOP"))).contains("* 1 EXISTS").doesNotContain("* 1 RECENT");
            assertThat(recentUids(ok(examining.command("FETCH 1:* (UID FLAGS)")))).isEmpty();
            try (RawImapClient later = connect(user)) {
                assertThat(ok(later.command("SELECT INBOX"))).contains("* 1 EXISTS", "* 0 RECENT");
                assertThat(recentUids(ok(later.command("FETCH 1:* (UID FLAGS)")))).isEmpty();
            }
            ok(appending.command("SELECT INBOX"));
            assertThat(recentUids(ok(appending.command("FETCH 1:* (UID FLAGS)")))).isEmpty();
        }
    }

    /**
     * The read-write session's clear of \Recent and the new message reach the examining session as two events, in
     * either order: whichever comes first, a message the read-write session claimed is not recent in the examining one.
     */
    @Test
    void aMessageClaimedByASelectingSessionIsNeverRecentInAnExaminingOne() throws Exception {
        String user = newUser();
        try (RawImapClient selecting = connect(user); RawImapClient examining = connect(user); RawImapClient appending = connect(user)) {
            ok(selecting.command("SELECT INBOX"));
            ok(examining.command("EXAMINE INBOX"));
            Set<Long> claimed = new TreeSet<>();
            for (int i = 0; i < 20; i++) {
                long uid = appendMessage(appending);
                ok(selecting.command("NOOP"));
                claimed.addAll(recentUids(ok(selecting.command("UID FETCH " + uid + " (FLAGS)"))));
                assertThat(recentUids(ok(examining.command("UID FETCH 1:* (FLAGS)"))))
                    .as("message %d, claimed by the selecting session", i + 1).doesNotContainAnyElementsOf(claimed);
            }
            assertThat(claimed).hasSize(20);
        }
    }

    @Test
    void eachMessageIsRecentInExactlyOneOfSeveralIdlingSessions() throws Exception {
        for (int round = 0; round < 4; round++) {
            String user = newUser();
            List<RawImapClient> idlers = new ArrayList<>();
            try (RawImapClient appending = connect(user)) {
                List<String> idleTags = new ArrayList<>();
                for (int i = 0; i < 6; i++) {
                    RawImapClient idler = connect(user);
                    idlers.add(idler);
                    ok(idler.command("SELECT INBOX"));
                    String tag = idler.nextTag();
                    idler.write(tag + " IDLE\r\n");
                    idler.readResponse();
                    idleTags.add(tag);
                }
                Set<Long> appended = new TreeSet<>();
                for (int i = 0; i < 15; i++) {
                    appended.add(appendMessage(appending));
                }
                Set<Long> recentSomewhere = new TreeSet<>();
                for (int i = 0; i < idlers.size(); i++) {
                    RawImapClient idler = idlers.get(i);
                    idler.write("DONE\r\n");
                    List<String> told = ok(idler.readUntilTagged(idleTags.get(i)));
                    told.addAll(ok(idler.command("NOOP")));
                    Set<Long> recent = recentUids(ok(idler.command("FETCH 1:* (UID FLAGS)")));
                    for (long uid : recent) {
                        assertThat(recentSomewhere.add(uid)).as("round %d, session %d: UID %d recent in another session too", round, i, uid).isTrue();
                    }
                    assertThat(lastRecentCount(told)).as("round %d, session %d: %s", round, i, told).isEqualTo(recent.size());
                }
                assertThat(recentSomewhere).as("round %d: recent in one of the sessions", round).isEqualTo(appended);
            } finally {
                for (RawImapClient idler : idlers) {
                    idler.close();
                }
            }
        }
    }

    /** The session that claims the new messages' \\Recent logs out: the next message is recent in a session still there. */
    @Test
    void newMessagesStayRecentSomewhereWhenTheClaimingSessionLeaves() throws Exception {
        String user = newUser();
        try (RawImapClient first = connect(user); RawImapClient second = connect(user); RawImapClient appending = connect(user)) {
            ok(first.command("SELECT INBOX"));
            long claimedByFirst = appendMessage(appending);
            ok(first.command("NOOP"));
            assertThat(recentUids(ok(first.command("FETCH 1:* (UID FLAGS)")))).containsExactly(claimedByFirst);
            assertThat(ok(second.command("SELECT INBOX"))).contains("* 1 EXISTS", "* 0 RECENT");
            ok(first.command("LOGOUT"));

            long next = appendMessage(appending);
            assertThat(ok(second.command("NOOP"))).contains("* 2 EXISTS", "* 1 RECENT");
            assertThat(recentUids(ok(second.command("FETCH 1:* (UID FLAGS)")))).containsExactly(next);
        }
    }

    /**
     * RFC 3501 §2.3.2 under EXAMINE, as Dovecot 2.3 answers: a read-only session never clears \Recent, so a message
     * arriving while no read-write session has the mailbox, the examining session's own APPEND included, is recent in
     * the examining session and stays recent for the next session that selects the mailbox.
     */
    @Test
    void aMessageArrivingInAnExaminedMailboxIsRecentThereAndForTheNextSession() throws Exception {
        String user = newUser();
        try (RawImapClient examining = connect(user); RawImapClient appending = connect(user)) {
            long before = appendMessage(appending);
            assertThat(ok(examining.command("EXAMINE INBOX"))).contains("* 1 EXISTS", "* 1 RECENT");
            long arrived = appendMessage(appending);
            assertThat(ok(examining.command("NOOP"))).contains("* 2 EXISTS", "* 2 RECENT");
            assertThat(recentUids(ok(examining.command("FETCH 1:* (UID FLAGS)")))).containsExactly(before, arrived);
            long own = appendMessage(examining);
            assertThat(recentUids(ok(examining.command("FETCH 1:* (UID FLAGS)")))).containsExactly(before, arrived, own);
            try (RawImapClient later = connect(user)) {
                assertThat(ok(later.command("SELECT INBOX"))).contains("* 3 EXISTS", "* 3 RECENT");
                assertThat(recentUids(ok(later.command("FETCH 1:* (UID FLAGS)")))).containsExactly(before, arrived, own);
            }
            assertThat(recentUids(ok(examining.command("FETCH 1:* (UID FLAGS)")))).doesNotContain(before, arrived, own);
        }
    }

    static long appendMessage(RawImapClient imap) throws IOException {
        String message = "From: b@example.com\r\nSubject: recent\r\n\r\nbody\r\n";
        String tag = imap.nextTag();
        imap.write(tag + " APPEND INBOX {" + message.getBytes(StandardCharsets.UTF_8).length + "+}\r\n" + message + "\r\n");
        Matcher uid = APPENDUID.matcher(RawImapClient.last(ok(imap.readUntilTagged(tag))));
        assertThat(uid.find()).isTrue();
        return Long.parseLong(uid.group(1));
    }

    private static Set<Long> recentUids(List<String> fetched) {
        Set<Long> uids = new TreeSet<>();
        for (String line : fetched) {
            Matcher fetch = FETCH.matcher(line);
            Matcher flags = FETCH_FLAGS.matcher(line);
            Matcher uid = FETCH_UID.matcher(line);
            if (fetch.matches() && flags.find() && uid.find() && List.of(flags.group(1).split(" ")).contains("\\Recent")) {
                uids.add(Long.parseLong(uid.group(1)));
            }
        }
        return uids;
    }

    private static int lastRecentCount(List<String> told) {
        int count = -1;
        for (String line : told) {
            Matcher recent = RECENT.matcher(line);
            if (recent.matches()) {
                count = Integer.parseInt(recent.group(1));
            }
        }
        return count;
    }

    @Test
    void everyConnectionSeesEveryChangeConsistently() throws Exception {
        long base = Long.getLong("syncstore.model.seed", System.nanoTime() % 1_000_000_000L);
        for (long seed = base; seed < base + SEEDS; seed++) {
            List<String> log = new ArrayList<>();
            try {
                runSeed(seed, log);
            } catch (AssertionError | IOException | RuntimeException e) {
                int from = Math.max(0, log.size() - 30);
                throw new AssertionError("seed " + seed + " (rerun: -Dsyncstore.model.seed=" + seed
                    + " -Dsyncstore.model.seeds=1): " + e.getMessage() + "\nlast exchanges:\n" + String.join("\n", log.subList(from, log.size())), e);
            }
        }
    }

    private void runSeed(long seed, List<String> log) throws Exception {
        Random random = new Random(seed);
        String user = newUser();
        Model model = new Model();
        List<Client> clients = List.of(new Client("idle", Mode.IDLE, user, log), new Client("notify", Mode.NOTIFY, user, log),
            new Client("poll", Mode.POLL, user, log), new Client("qresync", Mode.QRESYNC, user, log));
        try {
            ok(connectAndCreateMoveTarget(user));
            for (Client client : clients) {
                client.open();
            }
            for (int step = 0; step < STEPS; step++) {
                Client actor = clients.get(random.nextInt(clients.size()));
                act(actor, model, random, step);
                for (Client client : clients) {
                    client.catchUp(model, random);
                }
            }
        } finally {
            for (Client client : clients) {
                if (client.imap != null) {
                    client.imap.close();
                }
            }
        }
    }

    private List<String> connectAndCreateMoveTarget(String user) throws IOException {
        try (RawImapClient setUp = connect(user)) {
            return setUp.command("CREATE Moved");
        }
    }

    private void act(Client actor, Model model, Random random, int step) throws IOException {
        int kind = random.nextInt(20);
        List<Long> uids = model.uids();
        if (kind < 5 || uids.isEmpty()) {
            Set<String> flags = randomFlags(random, step);
            List<String> lines = append(actor, flags);
            Matcher uid = APPENDUID.matcher(RawImapClient.last(lines));
            actor.check(uid.find(), "APPEND without APPENDUID: " + lines);
            model.messages.put(Long.parseLong(uid.group(1)), flags);
            return;
        }
        int msn = 1 + random.nextInt(uids.size());
        long uid = uids.get(msn - 1);
        String flag = random.nextInt(8) == 0 ? "$New" + step : FLAGS[random.nextInt(FLAGS.length)];
        boolean add = random.nextBoolean();
        if (kind < 9) {
            ok(actor.command("STORE " + msn + " " + (add ? "+" : "-") + "FLAGS (" + flag + ")", false));
            update(model, uid, flag, add);
        } else if (kind < 12) {
            ok(actor.command("UID STORE " + uid + " " + (add ? "+" : "-") + "FLAGS.SILENT (" + flag + ")", true));
            update(model, uid, flag, add);
            // .SILENT: the client knows what it set
            actor.view.stream().filter(entry -> entry.uid != null && entry.uid == uid)
                .forEach(entry -> entry.flags = new TreeSet<>(model.messages.get(uid)));
        } else if (kind < 14) {
            ok(actor.command("EXPUNGE", true));
            model.messages.values().removeIf(flags -> flags.contains("\\Deleted"));
        } else if (kind < 15) {
            ok(actor.command("UID EXPUNGE " + uid, true));
            if (model.messages.get(uid).contains("\\Deleted")) {
                model.messages.remove(uid);
            }
        } else if (kind < 16) {
            int last = Math.min(uids.size(), msn + random.nextInt(3));
            List<String> lines = ok(actor.command("COPY " + msn + ":" + last + " INBOX", true));
            Matcher copied = COPYUID.matcher(String.join("\n", lines));
            actor.check(copied.find(), "COPY without COPYUID: " + lines);
            List<Long> from = expand(copied.group(1));
            List<Long> to = expand(copied.group(2));
            for (int i = 0; i < from.size(); i++) {
                model.messages.put(to.get(i), new TreeSet<>(model.messages.get(from.get(i))));
            }
        } else if (kind < 17) {
            ok(actor.command("UID MOVE " + uid + " Moved", true));
            model.messages.remove(uid);
        } else if (kind < 19) {
            ok(actor.command("FETCH 1:* (FLAGS)", false));
        } else {
            ok(actor.command("SEARCH ALL", false));
        }
    }

    private static void update(Model model, long uid, String flag, boolean add) {
        if (add) {
            model.messages.get(uid).add(flag);
        } else {
            model.messages.get(uid).remove(flag);
        }
    }

    private static Set<String> randomFlags(Random random, int step) {
        Set<String> flags = new TreeSet<>();
        if (random.nextBoolean()) {
            flags.add(FLAGS[random.nextInt(FLAGS.length)]);
        }
        if (random.nextInt(10) == 0) {
            flags.add("$Appended" + step);
        }
        return flags;
    }

    private static List<String> append(Client actor, Set<String> flags) throws IOException {
        String message = "From: b@example.com\r\nSubject: model\r\n\r\nbody\r\n";
        boolean idling = actor.idleTag != null;
        actor.stopIdle();
        String tag = actor.imap.nextTag();
        actor.imap.write(tag + " APPEND INBOX (" + String.join(" ", flags) + ") {" + message.getBytes(StandardCharsets.UTF_8).length + "+}\r\n" + message + "\r\n");
        List<String> lines = actor.imap.readUntilTagged(tag);
        actor.log.add(actor.name + " -> APPEND " + flags + " <- " + lines);
        actor.read(lines, true);
        if (idling) {
            actor.startIdle();
        }
        return ok(lines);
    }

    private static Set<String> flagSet(String list) {
        Set<String> flags = new TreeSet<>();
        for (String flag : list.split(" ")) {
            if (!flag.isEmpty()) {
                flags.add(flag);
            }
        }
        return flags;
    }

    /** The UIDs of a UID set such as {@code 3:5,9}. */
    static List<Long> expand(String set) {
        List<Long> uids = new ArrayList<>();
        for (String part : set.split(",")) {
            String[] bounds = part.split(":");
            long from = Long.parseLong(bounds[0]);
            long to = Long.parseLong(bounds[bounds.length - 1]);
            for (long uid = Math.min(from, to); uid <= Math.max(from, to); uid++) {
                uids.add(uid);
            }
        }
        return uids;
    }
}
