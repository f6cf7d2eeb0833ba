package io.syncstore.imap.session;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.james.GuiceJamesServer;
import org.junit.jupiter.api.Test;

import io.syncstore.imap.ImapServerContract;
import io.syncstore.imap.RawImapClient;

/**
 * Several sessions of one user on one mailbox, each making random changes, each checking that what the server tells
 * it stays consistent (RFC 3501 §7): a keyword is listed in FLAGS before a FETCH shows it, RECENT never exceeds
 * EXISTS, no FETCH names a sequence number beyond EXISTS, and a message is \Recent in one session only.
 */
public abstract class ConcurrentSessionsContract extends ImapServerContract {
    static final String DOMAIN = "sessions.test";
    private static final Pattern EXISTS = Pattern.compile("^\\* (\\d+) EXISTS$");
    private static final Pattern EXPUNGE = Pattern.compile("^\\* (\\d+) EXPUNGE$");
    private static final Pattern RECENT = Pattern.compile("^\\* (\\d+) RECENT$");
    private static final Pattern FLAGS = Pattern.compile("^\\* FLAGS \\(([^)]*)\\)$");
    private static final Pattern FETCH = Pattern.compile("^\\* (\\d+) FETCH \\(.*\\)$");
    private static final Pattern FETCH_FLAGS = Pattern.compile("FLAGS \\(([^)]*)\\)");
    private static final Pattern FETCH_UID = Pattern.compile("UID (\\d+)");

    public static void useServer(GuiceJamesServer jamesServer) throws Exception {
        startUsing(jamesServer, DOMAIN);
    }

    /** One session's view of the selected mailbox, updated and checked with every untagged response. */
    static final class View {
        final String name;
        long exists;
        final Set<String> announced = new HashSet<>();
        final List<String> violations = new ArrayList<>();
        final Set<Long> recentUids = new HashSet<>();

        View(String name) {
            this.name = name;
        }

        void read(List<String> lines) {
            for (String line : lines) {
                Matcher matcher;
                if ((matcher = EXISTS.matcher(line)).matches()) {
                    exists = Long.parseLong(matcher.group(1));
                } else if ((matcher = EXPUNGE.matcher(line)).matches()) {
                    check(Long.parseLong(matcher.group(1)) <= exists, line);
                    exists--;
                } else if ((matcher = RECENT.matcher(line)).matches()) {
                    check(Long.parseLong(matcher.group(1)) <= exists, line + " with " + exists + " EXISTS");
                } else if ((matcher = FLAGS.matcher(line)).matches()) {
                    announced.clear();
                    announced.addAll(List.of(matcher.group(1).split(" ")));
                } else if ((matcher = FETCH.matcher(line)).matches()) {
                    check(Long.parseLong(matcher.group(1)) <= exists, line + " with " + exists + " EXISTS");
                    Matcher flags = FETCH_FLAGS.matcher(line);
                    if (flags.find()) {
                        for (String flag : flags.group(1).split(" ")) {
                            check(flag.isEmpty() || flag.startsWith("\\") || announced.contains(flag),
                                line + " before a FLAGS response listing " + flag);
                        }
                    }
                }
            }
        }

        private void check(boolean condition, String what) {
            if (!condition) {
                violations.add(name + ": " + what);
            }
        }
    }

    @Test
    void concurrentSessionsSeeAConsistentMailbox() throws Exception {
        String user = newUser();
        try (RawImapClient setUp = new RawImapClient(port).login(user, PASSWORD)) {
            for (int i = 0; i < 5; i++) {
                append(setUp, "first " + i);
            }
        }
        int sessions = 4;
        ExecutorService threads = Executors.newFixedThreadPool(sessions);
        List<Future<View>> views = new ArrayList<>();
        for (int s = 0; s < sessions; s++) {
            int seed = s;
            views.add(threads.submit(() -> randomSession(user, seed)));
        }
        List<String> violations = new ArrayList<>();
        Set<Long> recentSomewhere = new HashSet<>();
        for (Future<View> future : views) {
            View view = future.get();
            violations.addAll(view.violations);
            for (long uid : view.recentUids) {
                if (!recentSomewhere.add(uid)) {
                    violations.add("UID " + uid + " \\Recent in more than one session");
                }
            }
        }
        threads.shutdown();
        assertThat(violations).isEmpty();
    }

    private View randomSession(String user, int seed) throws IOException {
        Random random = new Random(seed);
        View view = new View("session " + seed);
        String[] flags = {"\\Seen", "\\Flagged", "\\Deleted", "$Label" + seed, "$Shared"};
        try (RawImapClient client = new RawImapClient(port).login(user, PASSWORD)) {
            view.read(client.command("SELECT INBOX"));
            for (int i = 0; i < 40; i++) {
                int kind = random.nextInt(10);
                if (kind < 2) {
                    view.read(append(client, "from session " + seed + " #" + i));
                } else if (kind < 6 && view.exists > 0) {
                    long msn = 1 + random.nextInt((int) view.exists);
                    String sign = random.nextBoolean() ? "+" : "-";
                    view.read(client.command("STORE " + msn + " " + sign + "FLAGS (" + flags[random.nextInt(flags.length)] + ")"));
                } else if (kind < 7) {
                    view.read(client.command("EXPUNGE"));
                } else if (kind < 9 && view.exists > 0) {
                    view.read(client.command("FETCH 1:* (FLAGS)"));
                } else {
                    view.read(client.command("NOOP"));
                }
            }
            List<String> last = client.command("UID FETCH 1:* (FLAGS)");
            view.read(last);
            for (String line : last) {
                Matcher uid = FETCH_UID.matcher(line);
                if (line.contains("\\Recent") && uid.find()) {
                    view.recentUids.add(Long.parseLong(uid.group(1)));
                }
            }
        }
        return view;
    }

    static List<String> append(RawImapClient client, String subject) throws IOException {
        String message = "From: b@example.com\r\nSubject: " + subject + "\r\n\r\nbody\r\n";
        String tag = client.nextTag();
        client.write(tag + " APPEND INBOX {" + message.getBytes(StandardCharsets.UTF_8).length + "+}\r\n" + message + "\r\n");
        return client.readUntilTagged(tag);
    }
}
