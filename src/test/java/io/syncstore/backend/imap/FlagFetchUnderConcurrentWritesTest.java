package io.syncstore.backend.imap;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.apache.james.GuiceJamesServer;
import org.apache.james.JamesServerExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.syncstore.backend.TestDatabases;
import io.syncstore.backend.db.PostgresTestServer;
import io.syncstore.imap.ImapServerContract;
import io.syncstore.imap.RawImapClient;
import io.syncstore.server.SyncStoreTestServer;

/**
 * {@code UID FETCH 1:* (FLAGS)} and {@code FETCH 1:* (FLAGS UID MODSEQ)} repeated by several connections while several
 * others of the same user store flags and keywords, append, copy, move out and back, and expunge, over a socket, on
 * the database the build selects. Each writer changes only the messages it made, so each has its own linear history:
 * in every answer, a writer's messages must be one of the states that writer's messages were in while the FETCH ran
 * (\Recent left out: it is per session), and a message's MODSEQ grows whenever its flags changed.
 */
class FlagFetchUnderConcurrentWritesTest extends ImapServerContract {
    private static final int WRITERS = 3;
    private static final int FETCHERS = 2;
    private static final int CHANGES = 40;
    private static final String[] FLAGS = {"\\Seen", "\\Flagged", "\\Answered", "\\Draft", "$Work", "later"};
    private static final Pattern FETCHED = Pattern.compile("^\\* \\d+ FETCH \\((.*)\\)$");
    private static final Pattern UID = Pattern.compile("UID (\\d+)");
    private static final Pattern FLAGS_ITEM = Pattern.compile("FLAGS \\(([^)]*)\\)");
    private static final Pattern MODSEQ = Pattern.compile("MODSEQ \\((\\d+)\\)");
    private static final Pattern APPENDUID = Pattern.compile("\\[APPENDUID \\d+ (\\d+)]");
    private static final Pattern COPYUID = Pattern.compile("\\[COPYUID \\d+ \\d+ (\\d+)]");

    @RegisterExtension
    static JamesServerExtension jamesServerExtension = SyncStoreTestServer.onSelectedDatabase();

    @BeforeAll
    static void setUp(GuiceJamesServer jamesServer) throws Exception {
        startUsing(jamesServer, "flagfetch.test");
    }

    @AfterAll
    static void releaseDatabase() {
        if (TestDatabases.POSTGRESQL) {
            PostgresTestServer.instance().releaseDatabases();
        }
    }

    /** One writer's messages in INBOX, UID to flags (sorted, without \Recent), after each of its commands. */
    private static final class History {
        final List<TreeMap<Long, String>> states = new CopyOnWriteArrayList<>(List.of(new TreeMap<>()));

        TreeMap<Long, String> last() {
            return states.get(states.size() - 1);
        }

        void publish(TreeMap<Long, String> state) {
            states.add(state);
        }
    }

    /** One FETCH answer: UID to flags and modseq, with the states of each writer the FETCH may have read. */
    private static final class Answer {
        final Map<Long, String> flags = new HashMap<>();
        final Map<Long, Long> modSeqs = new HashMap<>();
        final int[] from = new int[WRITERS];
        final int[] to = new int[WRITERS];
        String command;
    }

    @Test
    void everyAnswerIsAStateOfEachWritersMessagesDuringTheFetch() throws Exception {
        long seed = System.nanoTime();
        String user = newUser();
        try (RawImapClient setup = connect(user)) {
            // a message no writer touches, so that a FETCH by sequence number always has one to name
            String anchor = "Subject: anchor\r\n\r\nbody\r\n";
            ok(setup.command("APPEND INBOX {" + anchor.length() + "+}\r\n" + anchor));
            for (int writer = 0; writer < WRITERS; writer++) {
                ok(setup.command("CREATE Out" + writer));
            }
        }
        List<History> histories = new ArrayList<>();
        for (int writer = 0; writer < WRITERS; writer++) {
            histories.add(new History());
        }
        AtomicInteger writing = new AtomicInteger(WRITERS);
        ExecutorService threads = Executors.newFixedThreadPool(WRITERS + FETCHERS);
        try {
            List<Future<?>> writers = new ArrayList<>();
            for (int writer = 0; writer < WRITERS; writer++) {
                int number = writer;
                writers.add(threads.submit(() -> {
                    try {
                        write(user, number, histories.get(number), new Random(seed + number));
                    } finally {
                        writing.decrementAndGet();
                    }
                    return null;
                }));
            }
            List<Future<List<Answer>>> fetchers = new ArrayList<>();
            for (int fetcher = 0; fetcher < FETCHERS; fetcher++) {
                fetchers.add(threads.submit(() -> fetch(user, histories, writing)));
            }
            for (Future<?> writer : writers) {
                writer.get(5, TimeUnit.MINUTES);
            }
            int answers = 0;
            for (Future<List<Answer>> fetcher : fetchers) {
                List<Answer> answered = fetcher.get(1, TimeUnit.MINUTES);
                check(answered, histories, "seed " + seed);
                answers += answered.size();
            }
            assertThat(answers).as("seed " + seed).isGreaterThan(2 * FETCHERS);
        } finally {
            threads.shutdownNow();
        }
    }

    private void write(String user, int number, History history, Random random) throws IOException {
        try (RawImapClient imap = connect(user)) {
            imap.setTimeout(Duration.ofSeconds(60));
            ok(imap.command("SELECT INBOX"));
            for (int i = 0; i < 4; i++) {
                append(imap, history, random);
            }
            for (int change = 0; change < CHANGES; change++) {
                TreeMap<Long, String> state = new TreeMap<>(history.last());
                List<Long> own = new ArrayList<>(state.keySet());
                long uid = own.isEmpty() ? 0 : own.get(random.nextInt(own.size()));
                int kind = own.isEmpty() ? 0 : random.nextInt(6);
                if (kind == 0) {
                    append(imap, history, random);
                    continue;
                } else if (kind <= 2) {
                    String flag = FLAGS[random.nextInt(FLAGS.length)];
                    boolean add = random.nextBoolean();
                    ok(imap.command("UID STORE " + uid + (add ? " +" : " -") + "FLAGS.SILENT (" + flag + ")"));
                    TreeSet<String> flags = flagSet(state.get(uid));
                    if (add) {
                        flags.add(flag);
                    } else {
                        flags.remove(flag);
                    }
                    state.put(uid, String.join(" ", flags));
                } else if (kind == 3) {
                    ok(imap.command("UID STORE " + uid + " +FLAGS.SILENT (\\Deleted)"));
                    TreeSet<String> deleted = flagSet(state.get(uid));
                    deleted.add("\\Deleted");
                    state.put(uid, String.join(" ", deleted));
                    history.publish(new TreeMap<>(state));
                    ok(imap.command("UID EXPUNGE " + uid));
                    state.remove(uid);
                } else if (kind == 4) {
                    state.put(copied(ok(imap.command("UID COPY " + uid + " INBOX"))), state.get(uid));
                } else {
                    long out = copied(ok(imap.command("UID MOVE " + uid + " Out" + number)));
                    String flags = state.remove(uid);
                    history.publish(new TreeMap<>(state));
                    ok(imap.command("SELECT Out" + number));
                    state.put(copied(ok(imap.command("UID MOVE " + out + " INBOX"))), flags);
                    ok(imap.command("SELECT INBOX"));
                }
                history.publish(state);
            }
        }
    }

    private void append(RawImapClient imap, History history, Random random) throws IOException {
        TreeSet<String> flags = new TreeSet<>();
        for (String flag : FLAGS) {
            if (random.nextInt(3) == 0) {
                flags.add(flag);
            }
        }
        String message = "Subject: flags " + flags + "\r\nFrom: a@flagfetch.test\r\n\r\nbody\r\n";
        String tag = imap.nextTag();
        imap.write(tag + " APPEND INBOX (" + String.join(" ", flags) + ") {" + message.length() + "+}\r\n" + message + "\r\n");
        String done = RawImapClient.last(imap.readUntilTagged(tag));
        Matcher uid = APPENDUID.matcher(done);
        assertThat(uid.find()).as(done).isTrue();
        TreeMap<Long, String> state = new TreeMap<>(history.last());
        state.put(Long.parseLong(uid.group(1)), String.join(" ", flags));
        history.publish(state);
    }

    private static long copied(List<String> lines) {
        Matcher uid = COPYUID.matcher(String.join("\n", lines));
        assertThat(uid.find()).as(lines.toString()).isTrue();
        return Long.parseLong(uid.group(1));
    }

    private List<Answer> fetch(String user, List<History> histories, AtomicInteger writing) throws IOException {
        List<Answer> answers = new ArrayList<>();
        try (RawImapClient imap = connect(user)) {
            imap.setTimeout(Duration.ofSeconds(60));
            ok(imap.command("ENABLE CONDSTORE"));
            ok(imap.command("SELECT INBOX"));
            while (writing.get() > 0) {
                for (String command : List.of("UID FETCH 1:* (FLAGS)", "FETCH 1:* (FLAGS UID MODSEQ)")) {
                    Answer answer = new Answer();
                    answer.command = command;
                    for (int writer = 0; writer < WRITERS; writer++) {
                        answer.from[writer] = histories.get(writer).states.size() - 1;
                    }
                    List<String> lines = ok(imap.command(command));
                    for (int writer = 0; writer < WRITERS; writer++) {
                        answer.to[writer] = histories.get(writer).states.size();
                    }
                    read(lines, answer);
                    answers.add(answer);
                }
            }
        }
        return answers;
    }

    /**
     * The FETCH lines that carry UID and FLAGS, the first of each UID. The answer comes before the updates of other
     * sessions' changes that the command's end tells, which may be of an older change delivered late; with CONDSTORE
     * enabled those carry MODSEQ, so the answer to a FETCH without MODSEQ is told apart from them exactly.
     */
    private static void read(List<String> lines, Answer answer) {
        boolean asksModSeq = answer.command.contains("MODSEQ");
        for (String line : lines) {
            Matcher fetched = FETCHED.matcher(line);
            if (!fetched.matches() || !asksModSeq && line.contains("MODSEQ")) {
                continue;
            }
            Matcher uid = UID.matcher(fetched.group(1));
            Matcher flags = FLAGS_ITEM.matcher(fetched.group(1));
            if (uid.find() && flags.find() && !answer.flags.containsKey(Long.parseLong(uid.group(1)))) {
                TreeSet<String> set = flagSet(flags.group(1));
                set.remove("\\Recent");
                answer.flags.put(Long.parseLong(uid.group(1)), String.join(" ", set));
                Matcher modSeq = MODSEQ.matcher(fetched.group(1));
                if (modSeq.find()) {
                    answer.modSeqs.put(Long.parseLong(uid.group(1)), Long.parseLong(modSeq.group(1)));
                }
            }
        }
    }

    private static void check(List<Answer> answers, List<History> histories, String context) {
        Map<Long, String> lastFlags = new HashMap<>();
        Map<Long, Long> lastModSeqs = new HashMap<>();
        for (int i = 0; i < answers.size(); i++) {
            Answer answer = answers.get(i);
            for (int writer = 0; writer < WRITERS; writer++) {
                List<TreeMap<Long, String>> states = histories.get(writer).states;
                List<TreeMap<Long, String>> possible = states.subList(answer.from[writer], Math.min(answer.to[writer] + 1, states.size()));
                Map<Long, String> seen = answer.flags.entrySet().stream()
                    .filter(entry -> everOwned(states, entry.getKey()))
                    .filter(entry -> !answer.command.contains("MODSEQ") || !toldLate(entry, states, possible))
                    .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
                // answered before and in every state the FETCH may have read: the connection was told of it, not of its expunge
                TreeSet<Long> required = present(possible);
                required.retainAll(i == 0 ? List.of() : answers.get(i - 1).flags.keySet());
                assertThat(seen.keySet()).as("%s, %s answer %d, writer %d", context, answer.command, i, writer).containsAll(required);
                assertThat(possible.stream().anyMatch(state -> state.entrySet().containsAll(seen.entrySet())))
                    .as("%s, %s answer %d, writer %d: %s not among %s", context, answer.command, i, writer, seen, possible)
                    .isTrue();
            }
            answer.modSeqs.forEach((uid, modSeq) -> {
                Long before = lastModSeqs.get(uid);
                if (before != null) {
                    assertThat(modSeq).as("%s: MODSEQ of %d", context, uid).isGreaterThanOrEqualTo(before);
                    if (!answer.flags.get(uid).equals(lastFlags.get(uid))) {
                        assertThat(modSeq).as("%s: MODSEQ of %d after its flags changed", context, uid).isGreaterThan(before);
                    }
                }
                lastModSeqs.put(uid, modSeq);
                lastFlags.put(uid, answer.flags.get(uid));
            });
        }
    }

    /**
     * A FETCH with MODSEQ cannot be told apart from a late update of another session's change to a message expunged
     * since (the connection not told yet): such a line, of a message in none of the possible states, must show the
     * flags it had in an earlier one.
     */
    private static boolean toldLate(Map.Entry<Long, String> line, List<TreeMap<Long, String>> states,
                                    List<TreeMap<Long, String>> possible) {
        if (possible.stream().anyMatch(state -> state.containsKey(line.getKey()))) {
            return false;
        }
        assertThat(states.stream().anyMatch(state -> line.getValue().equals(state.get(line.getKey()))))
            .as("update of %s", line).isTrue();
        return true;
    }

    private static boolean everOwned(List<TreeMap<Long, String>> states, long uid) {
        return states.stream().anyMatch(state -> state.containsKey(uid));
    }

    /** The UIDs in every one of the states. */
    private static TreeSet<Long> present(List<TreeMap<Long, String>> states) {
        TreeSet<Long> present = new TreeSet<>(states.get(0).keySet());
        states.forEach(state -> present.retainAll(state.keySet()));
        return present;
    }

    private static TreeSet<String> flagSet(String flags) {
        return Arrays.stream(flags.trim().split(" ")).filter(flag -> !flag.isEmpty()).collect(Collectors.toCollection(TreeSet::new));
    }
}
