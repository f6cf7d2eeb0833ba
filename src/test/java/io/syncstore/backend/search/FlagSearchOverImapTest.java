package io.syncstore.backend.search;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Predicate;
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
 * SEARCH on flags, keywords, UIDs and sequence numbers (and their NOT/OR), answered by SyncStore's server on the
 * database the build selects, over a socket, while another connection of the user changes flags, expunges and appends
 * between the searches. Each answer (sequence numbers of the searching connection's view, UIDs, ESEARCH's
 * MIN/MAX/COUNT/ALL) must be the model's. Seeds from the clock; a failure names its seed.
 */
class FlagSearchOverImapTest extends ImapServerContract {
    private static final String[] FLAGS = {"\\Seen", "\\Flagged", "\\Answered", "\\Draft", "\\Deleted", "$Work"};
    private static final int ROUNDS = 12;
    private static final Pattern EXISTS = Pattern.compile("^\\* (\\d+) EXISTS$");
    private static final Pattern EXPUNGE = Pattern.compile("^\\* (\\d+) EXPUNGE$");
    private static final Pattern FETCHED = Pattern.compile("^\\* \\d+ FETCH \\(.*UID (\\d+).*FLAGS \\(([^)]*)\\).*\\)$|"
        + "^\\* \\d+ FETCH \\(.*FLAGS \\(([^)]*)\\).*UID (\\d+).*\\)$");
    private static final Pattern APPENDUID = Pattern.compile("\\[APPENDUID \\d+ (\\d+)]");

    @RegisterExtension
    static JamesServerExtension jamesServerExtension = SyncStoreTestServer.onSelectedDatabase();

    @BeforeAll
    static void setUp(GuiceJamesServer jamesServer) throws Exception {
        startUsing(jamesServer, "flagsearch.test");
    }

    @AfterAll
    static void releaseDatabase() {
        if (TestDatabases.POSTGRESQL) {
            PostgresTestServer.instance().releaseDatabases();
        }
    }

    /** A message as the searching connection sees it: its number there (0: not told of it yet). */
    private static final class Message {
        final long uid;
        final Set<String> flags;
        final int number;
        final boolean recent;

        Message(long uid, Set<String> flags, int number, boolean recent) {
            this.uid = uid;
            this.flags = flags;
            this.number = number;
            this.recent = recent;
        }

        boolean has(String flag) {
            return flags.contains(flag);
        }
    }

    private static final class Key {
        final String imap;
        final Predicate<Message> matches;

        Key(String imap, Predicate<Message> matches) {
            this.imap = imap;
            this.matches = matches;
        }
    }

    private final TreeMap<Long, Set<String>> mailbox = new TreeMap<>();
    /** The UIDs the searching connection was told of, in sequence order. */
    private final List<Long> view = new ArrayList<>();
    private final Set<Long> recent = new HashSet<>();
    /** Messages told since the searcher's last FETCH of \Recent: which session holds theirs is not asked here. */
    private final Set<Long> recentUnknown = new HashSet<>();

    @Test
    void flagKeysAnswerWhatTheMailboxHoldsBetweenOtherConnectionsChanges() throws Exception {
        long seed = System.nanoTime();
        Random random = new Random(seed);
        String user = newUser();
        try (RawImapClient writer = connect(user); RawImapClient searcher = connect(user)) {
            writer.setTimeout(Duration.ofSeconds(60));
            searcher.setTimeout(Duration.ofSeconds(60));
            for (int i = 0; i < 20; i++) {
                append(writer, random);
            }
            ok(searcher.command("ENABLE CONDSTORE"));
            told(ok(searcher.command("SELECT INBOX")));
            readRecent(searcher);
            ok(writer.command("SELECT INBOX"));
            for (int round = 0; round < ROUNDS; round++) {
                change(writer, random);
                String context = "seed " + seed + ", round " + round + ", mailbox " + mailbox + ", view " + view;
                // each key made in the view of the moment: a number names the message the searcher was told of
                for (int key = 0; key < keys(random).size(); key++) {
                    searchBySequenceNumber(searcher, keys(random).get(key), context);
                }
                for (int key = 0; key < keys(random).size(); key++) {
                    searchByUid(searcher, keys(random).get(key), context);
                }
                told(ok(searcher.command("NOOP")));
                assertThat(view).as(context).isEqualTo(new ArrayList<>(mailbox.keySet()));
                readRecent(searcher);
            }
        }
    }

    private void readRecent(RawImapClient searcher) throws IOException {
        recent.clear();
        recentUnknown.clear();
        for (String line : ok(searcher.command("UID FETCH 1:* (FLAGS)"))) {
            Matcher fetched = FETCHED.matcher(line);
            if (fetched.matches()) {
                boolean uidFirst = fetched.group(1) != null;
                long uid = Long.parseLong(uidFirst ? fetched.group(1) : fetched.group(4));
                if ((uidFirst ? fetched.group(2) : fetched.group(3)).contains("\\Recent")) {
                    recent.add(uid);
                }
            }
        }
    }

    /** Another connection's flag changes, \Deleted set and expunged, and appends (not told to the searcher yet). */
    private void change(RawImapClient writer, Random random) throws IOException {
        List<Long> uids = new ArrayList<>(mailbox.keySet());
        for (int i = 0; i < 6 && !uids.isEmpty(); i++) {
            long uid = uids.get(random.nextInt(uids.size()));
            String flag = FLAGS[random.nextInt(FLAGS.length)];
            boolean add = random.nextBoolean();
            ok(writer.command("UID STORE " + uid + (add ? " +" : " -") + "FLAGS.SILENT (" + flag + ")"));
            if (add) {
                mailbox.get(uid).add(flag);
            } else {
                mailbox.get(uid).remove(flag);
            }
        }
        List<Long> deleted = mailbox.entrySet().stream().filter(entry -> entry.getValue().contains("\\Deleted"))
            .map(java.util.Map.Entry::getKey).collect(Collectors.toList());
        if (!deleted.isEmpty() && random.nextInt(3) > 0) {
            long expunged = deleted.get(random.nextInt(deleted.size()));
            ok(writer.command("UID EXPUNGE " + expunged));
            mailbox.remove(expunged);
            recent.remove(expunged);
        }
        for (int i = random.nextInt(3); i > 0; i--) {
            append(writer, random);
        }
        writer.command("NOOP");
    }

    private void append(RawImapClient writer, Random random) throws IOException {
        Set<String> flags = new HashSet<>();
        for (String flag : FLAGS) {
            if (random.nextInt(4) == 0) {
                flags.add(flag);
            }
        }
        String message = "Subject: flags " + flags + "\r\nFrom: a@flagsearch.test\r\n\r\nbody\r\n";
        String tag = writer.nextTag();
        writer.write(tag + " APPEND INBOX (" + String.join(" ", flags) + ") {" + message.length() + "+}\r\n" + message + "\r\n");
        String done = RawImapClient.last(writer.readUntilTagged(tag));
        Matcher uid = APPENDUID.matcher(done);
        assertThat(uid.find()).as(done).isTrue();
        mailbox.put(Long.parseLong(uid.group(1)), flags);
    }

    private List<Key> keys(Random random) {
        long first = mailbox.isEmpty() ? 1 : mailbox.firstKey();
        long last = mailbox.isEmpty() ? 1 : mailbox.lastKey();
        long low = first + random.nextInt((int) (last - first + 1));
        long high = low + random.nextInt(8);
        int from = 1 + random.nextInt(view.size());
        int to = Math.min(view.size(), from + random.nextInt(6));
        // for a message told of, its number is in from:to when its UID is between theirs: the view is in UID order
        long fromUid = view.get(from - 1);
        long toUid = view.get(to - 1);
        List<Key> keys = new ArrayList<>(List.of(
            new Key("ALL", message -> true),
            new Key("UNSEEN", message -> !message.has("\\Seen")),
            new Key("SEEN", message -> message.has("\\Seen")),
            new Key("FLAGGED", message -> message.has("\\Flagged")),
            new Key("UNFLAGGED", message -> !message.has("\\Flagged")),
            new Key("ANSWERED", message -> message.has("\\Answered")),
            new Key("UNANSWERED", message -> !message.has("\\Answered")),
            new Key("DRAFT", message -> message.has("\\Draft")),
            new Key("UNDRAFT", message -> !message.has("\\Draft")),
            new Key("DELETED", message -> message.has("\\Deleted")),
            new Key("UNDELETED", message -> !message.has("\\Deleted")),
            new Key("KEYWORD $Work", message -> message.has("$Work")),
            new Key("UNKEYWORD $Work", message -> !message.has("$Work")),
            new Key("NOT FLAGGED", message -> !message.has("\\Flagged")),
            new Key("FLAGGED UNSEEN", message -> message.has("\\Flagged") && !message.has("\\Seen")),
            new Key("OR FLAGGED SEEN", message -> message.has("\\Flagged") || message.has("\\Seen")),
            new Key("NOT OR SEEN DELETED", message -> !message.has("\\Seen") && !message.has("\\Deleted")),
            new Key("OR (DRAFT ANSWERED) KEYWORD $Work",
                message -> message.has("\\Draft") && message.has("\\Answered") || message.has("$Work")),
            new Key("UID " + low + ":" + high, message -> message.uid >= low && message.uid <= high),
            new Key("NOT UID " + low + ":" + high + " UNSEEN",
                message -> (message.uid < low || message.uid > high) && !message.has("\\Seen")),
            new Key(from + ":" + to, message -> message.uid >= fromUid && message.uid <= toUid),
            new Key("NOT " + from + ":" + to, message -> message.uid < fromUid || message.uid > toUid),
            new Key("OR " + from + ":" + to + " FLAGGED",
                message -> message.uid >= fromUid && message.uid <= toUid || message.has("\\Flagged"))));
        keys.add(new Key("RECENT", message -> message.recent));
        keys.add(new Key("NEW", message -> message.recent && !message.has("\\Seen")));
        keys.add(new Key("OLD", message -> !message.recent));
        return keys;
    }

    /** The messages as the searcher would see them now. */
    private List<Message> messages() {
        List<Message> messages = new ArrayList<>();
        mailbox.forEach((uid, flags) -> messages.add(new Message(uid, flags, view.indexOf(uid) + 1, recent.contains(uid))));
        return messages;
    }

    private void searchBySequenceNumber(RawImapClient searcher, Key key, String context) throws IOException {
        List<String> lines = ok(searcher.command("SEARCH " + key.imap));
        List<Long> expected = expectedAfterToldBefore(lines, "* SEARCH", key, true);
        if (expected != null) {
            assertThat(searched(lines)).as("SEARCH " + key.imap + ", " + context + ": " + lines).isEqualTo(expected);
        }
        List<String> extended = ok(searcher.command("SEARCH RETURN (MIN MAX COUNT ALL) " + key.imap));
        expected = expectedAfterToldBefore(extended, "* ESEARCH", key, true);
        if (expected != null) {
            assertThat(extendedSearch(extended)).as("SEARCH RETURN " + key.imap + ", " + context + ": " + extended)
                .isEqualTo(extended(expected));
        }
    }

    private void searchByUid(RawImapClient searcher, Key key, String context) throws IOException {
        List<String> lines = ok(searcher.command("UID SEARCH " + key.imap));
        List<Long> expected = expectedAfterToldBefore(lines, "* SEARCH", key, false);
        if (expected != null) {
            assertThat(searched(lines)).as("UID SEARCH " + key.imap + ", " + context + ": " + lines).isEqualTo(expected);
        }
    }

    /**
     * What the answer must name, in the view the responses before it left (the searcher's view then follows those
     * after it): the numbers of the matching messages told of, or the UIDs of all matching; null when the key is on
     * \Recent and some message's holder of it is not known.
     */
    private List<Long> expectedAfterToldBefore(List<String> lines, String answer, Key key, boolean byNumber) {
        int at = 0;
        while (at < lines.size() && !lines.get(at).startsWith(answer)) {
            at++;
        }
        told(lines.subList(0, at));
        List<Long> expected = messages().stream()
            .filter(message -> (!byNumber || message.number > 0) && key.matches.test(message))
            .map(message -> byNumber ? (long) message.number : message.uid)
            .collect(Collectors.toList());
        told(lines.subList(at, lines.size()));
        boolean onRecent = key.imap.equals("RECENT") || key.imap.equals("NEW") || key.imap.equals("OLD");
        // by UID, the messages not told yet are among the answers, and which session holds their \Recent is not asked
        return onRecent && (!recentUnknown.isEmpty() || !byNumber) ? null : expected;
    }

    /** The numbers of the one {@code * SEARCH} line, MODSEQ left out. */
    private static List<Long> searched(List<String> lines) {
        List<String> found = lines.stream().filter(line -> line.startsWith("* SEARCH")).collect(Collectors.toList());
        assertThat(found).as(lines.toString()).hasSize(1);
        String numbers = found.get(0).substring("* SEARCH".length()).replaceAll("\\(MODSEQ \\d+\\)", "").trim();
        List<Long> result = new ArrayList<>();
        for (String number : numbers.isEmpty() ? new String[0] : numbers.split(" ")) {
            result.add(Long.parseLong(number));
        }
        return result;
    }

    /** ESEARCH's MIN, MAX, COUNT and ALL (its set as numbers), as "MIN 1 MAX 9 COUNT 3 ALL [1, 4, 9]". */
    private static String extendedSearch(List<String> lines) {
        List<String> found = lines.stream().filter(line -> line.startsWith("* ESEARCH")).collect(Collectors.toList());
        assertThat(found).as(lines.toString()).hasSize(1);
        Matcher min = Pattern.compile(" MIN (\\d+)").matcher(found.get(0));
        Matcher max = Pattern.compile(" MAX (\\d+)").matcher(found.get(0));
        Matcher count = Pattern.compile(" COUNT (\\d+)").matcher(found.get(0));
        Matcher all = Pattern.compile(" ALL ([0-9:,]+)").matcher(found.get(0));
        List<Long> numbers = new ArrayList<>();
        if (all.find()) {
            for (String range : all.group(1).split(",")) {
                String[] ends = range.split(":");
                long low = Long.parseLong(ends[0]);
                long high = Long.parseLong(ends[ends.length - 1]);
                for (long n = Math.min(low, high); n <= Math.max(low, high); n++) {
                    numbers.add(n);
                }
            }
        }
        return (min.find() ? "MIN " + min.group(1) + " " : "") + (max.find() ? "MAX " + max.group(1) + " " : "")
            + "COUNT " + (count.find() ? count.group(1) : "none") + " ALL " + numbers;
    }

    private static String extended(List<Long> expected) {
        return (expected.isEmpty() ? "" : "MIN " + expected.get(0) + " MAX " + expected.get(expected.size() - 1) + " ")
            + "COUNT " + expected.size() + " ALL " + expected;
    }

    /** The searcher's view after the untagged EXPUNGE and EXISTS responses of a command. */
    private void told(List<String> lines) {
        for (String line : lines) {
            Matcher expunge = EXPUNGE.matcher(line);
            if (expunge.matches()) {
                view.remove(Integer.parseInt(expunge.group(1)) - 1);
            }
            Matcher exists = EXISTS.matcher(line);
            if (exists.matches()) {
                int count = Integer.parseInt(exists.group(1));
                long lastTold = view.isEmpty() ? 0 : view.get(view.size() - 1);
                for (long uid : mailbox.tailMap(lastTold, false).keySet()) {
                    if (view.size() < count) {
                        view.add(uid);
                        recentUnknown.add(uid);
                    }
                }
            }
        }
    }
}
