package io.syncstore.imap.selected;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.james.GuiceJamesServer;
import org.junit.jupiter.api.RepeatedTest;

import io.syncstore.imap.ImapServerContract;
import io.syncstore.imap.RawImapClient;

/**
 * Many connections idle on one mailbox, spread over the server's event loops, while another connection appends, sets
 * flags and expunges as fast as it is answered. Every idling connection must be told every change, in the order the
 * changes were made, once: its view (UIDs in sequence order, flags) ends equal to the mailbox without a command, no
 * response names a message it does not know, and the flags it is told of a message are the states that message went
 * through, in that order (a later change may replace one not told yet, never come before it). Half the connections
 * have QRESYNC enabled, so that their FETCH and VANISHED responses name UIDs.
 */
public abstract class IdlingCrowdContract extends ImapServerContract {
    static final String DOMAIN = "crowd.test";
    private static final int IDLERS = 40;
    private static final int CHANGES = 120;
    private static final Duration PUSH = Duration.ofSeconds(20);
    private static final Pattern EXISTS = Pattern.compile("^\\* (\\d+) EXISTS$");
    private static final Pattern EXPUNGE = Pattern.compile("^\\* (\\d+) EXPUNGE$");
    private static final Pattern VANISHED = Pattern.compile("^\\* VANISHED (\\(EARLIER\\) )?([0-9:,]+)$");
    private static final Pattern FETCH = Pattern.compile("^\\* (\\d+) FETCH \\((.*)\\)$");
    private static final Pattern FETCH_FLAGS = Pattern.compile("FLAGS \\(([^)]*)\\)");
    private static final Pattern FETCH_UID = Pattern.compile("UID (\\d+)");

    public static void useServer(GuiceJamesServer jamesServer) throws Exception {
        startUsing(jamesServer, DOMAIN);
    }

    /** What one idling connection was told, checked response by response. */
    private static final class Idler {
        private final String name;
        private final boolean qresync;
        private final RawImapClient imap;
        /** UID per sequence number; null for a message announced by EXISTS whose UID was not told yet. */
        private final List<Long> view = new ArrayList<>();
        private final Map<Long, List<Set<String>>> toldFlags = new HashMap<>();
        private final List<String> faults = new ArrayList<>();

        Idler(String name, boolean qresync, RawImapClient imap) {
            this.name = name;
            this.qresync = qresync;
            this.imap = imap;
        }

        void select() throws IOException {
            if (qresync) {
                ok(imap.command("ENABLE QRESYNC"));
            }
            ok(imap.command("SELECT INBOX"));
            for (String line : ok(imap.command("UID FETCH 1:* (FLAGS)"))) {
                Matcher fetch = FETCH.matcher(line);
                Matcher uid = FETCH_UID.matcher(line);
                if (fetch.matches() && uid.find()) {
                    view.add(Long.parseLong(uid.group(1)));
                }
            }
            imap.write(imap.nextTag() + " IDLE\r\n");
            imap.readUntil(line -> line.startsWith("+"), PUSH);
        }

        void read(String line) {
            Matcher matcher;
            if ((matcher = EXISTS.matcher(line)).matches()) {
                int exists = Integer.parseInt(matcher.group(1));
                fault(exists >= view.size(), line + " while " + view.size() + " were known");
                while (view.size() < exists) {
                    view.add(null);
                }
            } else if ((matcher = EXPUNGE.matcher(line)).matches()) {
                int msn = Integer.parseInt(matcher.group(1));
                fault(!qresync, line + " with QRESYNC enabled");
                if (fault(msn >= 1 && msn <= view.size(), line + " with " + view.size() + " known")) {
                    view.remove(msn - 1);
                }
            } else if ((matcher = VANISHED.matcher(line)).matches()) {
                fault(qresync && matcher.group(1) == null, line + (qresync ? " while idling" : " without QRESYNC"));
                for (long uid : ConcurrentSessionsContract.expand(matcher.group(2))) {
                    fault(vanished(uid), line + ": UID " + uid + " not known, or told gone already");
                }
            } else if ((matcher = FETCH.matcher(line)).matches()) {
                fetched(line, Integer.parseInt(matcher.group(1)), matcher.group(2));
            }
        }

        /**
         * A UID told gone: the message of that UID, or one announced by EXISTS whose UID was never told (added and
         * expunged while idling), in the place its UID gives it among the known ones.
         */
        private boolean vanished(long uid) {
            if (view.remove(Long.valueOf(uid))) {
                return true;
            }
            for (int i = 0; i < view.size(); i++) {
                if (view.get(i) == null && nextKnownUid(i) > uid) {
                    view.remove(i);
                    return true;
                }
            }
            return false;
        }

        private long nextKnownUid(int from) {
            return view.subList(from, view.size()).stream().filter(Objects::nonNull).findFirst().orElse(Long.MAX_VALUE);
        }

        private void fetched(String line, int msn, String items) {
            if (!fault(msn >= 1 && msn <= view.size(), line + " with " + view.size() + " known")) {
                return;
            }
            Matcher uid = FETCH_UID.matcher(items);
            Long known = view.get(msn - 1);
            if (uid.find()) {
                long told = Long.parseLong(uid.group(1));
                fault(known == null || known == told, line + ": sequence number " + msn + " is UID " + known);
                view.set(msn - 1, told);
                known = told;
            }
            Matcher flags = FETCH_FLAGS.matcher(items);
            if (known != null && flags.find()) {
                toldFlags.computeIfAbsent(known, any -> new ArrayList<>()).add(flagSet(flags.group(1)));
            }
        }

        /** Reads until the view holds the mailbox's messages, or the time is up. */
        void catchUp(Mailbox mailbox) throws IOException {
            long deadline = System.nanoTime() + PUSH.toNanos();
            imap.setTimeout(Duration.ofMillis(100));
            try {
                while (!matches(mailbox) && System.nanoTime() < deadline) {
                    try {
                        read(imap.readResponse());
                    } catch (java.net.SocketTimeoutException e) {
                        // nothing yet
                    }
                }
            } finally {
                imap.setTimeout(Duration.ofSeconds(10));
            }
        }

        private boolean matches(Mailbox mailbox) {
            if (view.size() != mailbox.flags.size()) {
                return false;
            }
            List<Long> uids = new ArrayList<>(mailbox.flags.keySet());
            for (int i = 0; i < uids.size(); i++) {
                if (view.get(i) != null && !view.get(i).equals(uids.get(i))) {
                    return false;
                }
            }
            // flags told last are the latest, for every message whose UID this connection can name
            return mailbox.history.entrySet().stream()
                .filter(entry -> mailbox.flags.containsKey(entry.getKey()) && entry.getValue().size() > 1)
                .filter(entry -> qresync || view.contains(entry.getKey()))
                .allMatch(entry -> Objects.equals(last(toldFlags.get(entry.getKey())), last(entry.getValue())));
        }

        /** Told in order: each message's flags a subsequence of the states it went through, each state once. */
        void checkOrder(Mailbox mailbox) {
            toldFlags.forEach((uid, told) -> {
                List<Set<String>> states = mailbox.history.get(uid);
                int at = 0;
                for (Set<String> flags : told) {
                    int found = states == null ? -1 : states.subList(at, states.size()).indexOf(flags);
                    if (!fault(found >= 0, "UID " + uid + " told " + told + ", its states were " + states)) {
                        return;
                    }
                    at += found + 1;
                }
            });
        }

        private boolean fault(boolean ok, String what) {
            if (!ok) {
                faults.add(name + ": " + what);
            }
            return ok;
        }
    }

    /** The mailbox as the writer made it, and every state of each message's flags, in order. */
    private static final class Mailbox {
        private final TreeMap<Long, Set<String>> flags = new TreeMap<>();
        private final Map<Long, List<Set<String>>> history = new HashMap<>();

        void set(long uid, Set<String> newFlags) {
            flags.put(uid, newFlags);
            history.computeIfAbsent(uid, any -> new ArrayList<>()).add(newFlags);
        }
    }

    @RepeatedTest(3)
    void everyIdlingConnectionIsToldEveryChangeInOrderOnce() throws Exception {
        String user = newUser();
        Random random = new Random();
        Mailbox mailbox = new Mailbox();
        List<Idler> idlers = new ArrayList<>();
        try (RawImapClient writer = connect(user)) {
            ok(writer.command("SELECT INBOX"));
            for (int i = 0; i < 10; i++) {
                mailbox.set(ConcurrentSessionsContract.appendMessage(writer), Set.of());
            }
            for (int i = 0; i < IDLERS; i++) {
                Idler idler = new Idler("idler " + i, i % 2 == 1, connect(user));
                idlers.add(idler);
                idler.select();
            }
            for (int step = 0; step < CHANGES; step++) {
                change(writer, mailbox, random, step);
            }
            for (Idler idler : idlers) {
                idler.catchUp(mailbox);
            }
            List<String> faults = new ArrayList<>();
            for (Idler idler : idlers) {
                idler.checkOrder(mailbox);
                faults.addAll(idler.faults);
                if (!idler.matches(mailbox)) {
                    faults.add(idler.name + ": knows " + idler.view + ", the mailbox holds " + mailbox.flags.keySet()
                        + " (flags told: " + idler.toldFlags + ")");
                }
            }
            assertThat(faults).isEmpty();
        } finally {
            for (Idler idler : idlers) {
                idler.imap.close();
            }
        }
    }

    /** An APPEND, a replacement of one message's flags by a state it never had, or an expunge of one message. */
    private static void change(RawImapClient writer, Mailbox mailbox, Random random, int step) throws IOException {
        int kind = random.nextInt(10);
        List<Long> uids = new ArrayList<>(mailbox.flags.keySet());
        if (kind < 3 || uids.size() < 3) {
            mailbox.set(ConcurrentSessionsContract.appendMessage(writer), Set.of());
            return;
        }
        long uid = uids.get(random.nextInt(uids.size()));
        if (kind < 8) {
            // a keyword of its own per change: no two states of a message are the same, so none can be told twice
            Set<String> flags = new TreeSet<>(Set.of("$Step" + step, random.nextBoolean() ? "\\Seen" : "\\Flagged"));
            ok(writer.command("UID STORE " + uid + " FLAGS.SILENT (" + String.join(" ", flags) + ")"));
            mailbox.set(uid, flags);
        } else {
            Set<String> deleted = new TreeSet<>(mailbox.flags.get(uid));
            deleted.add("\\Deleted");
            ok(writer.command("UID STORE " + uid + " +FLAGS.SILENT (\\Deleted)"));
            mailbox.set(uid, deleted);
            ok(writer.command("UID EXPUNGE " + uid));
            mailbox.flags.remove(uid);
        }
    }

    private static Set<String> flagSet(String flags) {
        Set<String> set = new TreeSet<>(List.of(flags.trim().isEmpty() ? new String[0] : flags.trim().split(" ")));
        set.remove("\\Recent");
        return set;
    }

    private static <T> T last(List<T> list) {
        return list == null || list.isEmpty() ? null : list.get(list.size() - 1);
    }
}
