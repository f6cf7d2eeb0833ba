package io.syncstore.it.server;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * One client connection of the load test, sending random valid commands until a deadline: APPEND, FETCH and STORE
 * (keywords) by sequence number and by UID, COPY and MOVE, marking its own messages deleted, EXPUNGE, SELECT of the
 * other mailbox, NOOP, and LOGOUT followed by a new connection and LOGIN. Sequence numbers are chosen within what the
 * connection was told exists; COPY, MOVE and \Deleted only touch the copies this worker made ({@link MessageLedger}).
 */
final class LoadWorker implements Runnable {
    static final List<String> MAILBOXES = List.of("INBOX", "Projects");
    /** A worker's live copies per mailbox beyond which it deletes rather than adds, so that mailboxes stay small. */
    private static final int MAX_LIVE_COPIES = 25;

    private final int index;
    private final int port;
    private final String password;
    private final Supplier<String> nextUser;
    private final long deadlineNanos;
    private final MessageLedger ledger;
    private final Violations violations;
    private final AtomicLong commands;
    private final String messageIdPrefix;
    private final Random random;
    private int messages;

    LoadWorker(int index, int port, String password, Supplier<String> nextUser, long deadlineNanos, MessageLedger ledger,
               Violations violations, AtomicLong commands, String messageIdPrefix, long seed) {
        this.index = index;
        this.port = port;
        this.password = password;
        this.nextUser = nextUser;
        this.deadlineNanos = deadlineNanos;
        this.ledger = ledger;
        this.violations = violations;
        this.commands = commands;
        this.messageIdPrefix = messageIdPrefix;
        this.random = new Random(seed);
    }

    @Override
    public void run() {
        while (System.nanoTime() < deadlineNanos) {
            String user = nextUser.get();
            String name = "connection " + index + " of " + user;
            try (ViewCheckingConnection connection = ViewCheckingConnection.login(port, user, password, name, violations)) {
                work(connection, ledger.of(user, index));
            } catch (Exception e) {
                violations.add(Violations.CONNECTION_LOST, name + ": " + e);
            }
        }
    }

    /** Random commands until LOGOUT is drawn or the time is up. */
    private void work(ViewCheckingConnection connection, MessageLedger.Holdings holdings) throws IOException {
        connection.select(pick(MAILBOXES));
        while (System.nanoTime() < deadlineNanos) {
            String here = connection.selected();
            if (here == null) {
                connection.select(pick(MAILBOXES));
                continue;
            }
            String there = here.equals("INBOX") ? "Projects" : "INBOX";
            List<MessageLedger.Copy> mine = holdings.live(here);
            int roll = random.nextInt(100);
            boolean full = mine.size() >= MAX_LIVE_COPIES;
            commands.incrementAndGet();
            if (roll < 14 && !full) {
                append(connection, holdings, random.nextBoolean() ? here : there);
            } else if (roll < 20 && !full && !mine.isEmpty()) {
                copy(connection, holdings, pick(mine), there);
            } else if (roll < 26 && !mine.isEmpty()) {
                move(connection, holdings, pick(mine), there);
            } else if (roll < 38 && !mine.isEmpty()) {
                markDeleted(connection, pick(mine));
            } else if (roll < 43) {
                connection.run("EXPUNGE", false);
            } else if (roll < 58 && connection.exists() > 0) {
                fetchBySequenceNumber(connection);
            } else if (roll < 68) {
                fetchByUid(connection, mine);
            } else if (roll < 80 && connection.exists() > 0) {
                connection.run("STORE " + sequenceRange(connection) + " " + keywordChange(), true);
            } else if (roll < 86 && !mine.isEmpty()) {
                connection.run("UID STORE " + pick(mine).uid + " " + keywordChange(), false);
            } else if (roll < 93) {
                connection.select(there);
            } else if (roll < 96) {
                connection.logout();
                return;
            } else {
                connection.run("NOOP", false);
            }
        }
        connection.logout();
    }

    private void append(ViewCheckingConnection connection, MessageLedger.Holdings holdings, String mailbox) throws IOException {
        String messageId = "<" + messageIdPrefix + "." + index + "." + (++messages) + "@load.example>";
        String message = "Message-ID: " + messageId + "\r\n"
            + "From: load@example.com\r\n"
            + "Subject: load " + messages + "\r\n"
            + "\r\n"
            + "Message " + messages + " of connection " + index + ".\r\n";
        ViewCheckingConnection.Reply reply = connection.append(mailbox, message.getBytes(StandardCharsets.UTF_8));
        if (reply.ok()) {
            holdings.add(new MessageLedger.Copy(mailbox, newUid(connection, "APPEND", reply), messageId));
        }
    }

    private void copy(ViewCheckingConnection connection, MessageLedger.Holdings holdings, MessageLedger.Copy copy,
                      String destination) throws IOException {
        String command = "UID COPY " + copy.uid + " " + destination;
        ViewCheckingConnection.Reply reply = connection.run(command, false);
        if (reply.ok()) {
            holdings.add(new MessageLedger.Copy(destination, newUid(connection, command, reply), copy.messageId));
        }
    }

    private void move(ViewCheckingConnection connection, MessageLedger.Holdings holdings, MessageLedger.Copy copy,
                      String destination) throws IOException {
        String command = "UID MOVE " + copy.uid + " " + destination;
        ViewCheckingConnection.Reply reply = connection.run(command, false);
        if (reply.ok()) {
            holdings.remove(copy);
            holdings.add(new MessageLedger.Copy(destination, newUid(connection, command, reply), copy.messageId));
        }
    }

    private void markDeleted(ViewCheckingConnection connection, MessageLedger.Copy copy) throws IOException {
        if (connection.run("UID STORE " + copy.uid + " +FLAGS.SILENT (\\Deleted)", false).ok()) {
            copy.deleted = true;
        }
    }

    private void fetchBySequenceNumber(ViewCheckingConnection connection) throws IOException {
        if (random.nextBoolean()) {
            connection.run("FETCH " + sequenceRange(connection) + " (UID FLAGS)", true);
        } else {
            int number = 1 + random.nextInt(connection.exists());
            connection.run("FETCH " + number + " (UID RFC822.SIZE BODY.PEEK[HEADER.FIELDS (MESSAGE-ID)])", true);
        }
    }

    private void fetchByUid(ViewCheckingConnection connection, List<MessageLedger.Copy> mine) throws IOException {
        if (mine.isEmpty() || random.nextInt(4) == 0) {
            connection.run("UID FETCH 1:* (FLAGS)", false);
        } else {
            connection.run("UID FETCH " + pick(mine).uid + " (FLAGS BODY.PEEK[HEADER.FIELDS (MESSAGE-ID)])", false);
        }
    }

    private String sequenceRange(ViewCheckingConnection connection) {
        int exists = connection.exists();
        int first = 1 + random.nextInt(exists);
        int last = Math.min(exists, first + random.nextInt(5));
        return first == last ? String.valueOf(first) : first + ":" + last;
    }

    private String keywordChange() {
        return (random.nextBoolean() ? "+FLAGS" : "-FLAGS") + " ($Load" + random.nextInt(5) + ")";
    }

    private long newUid(ViewCheckingConnection connection, String command, ViewCheckingConnection.Reply reply) {
        long uid = reply.newUid();
        if (uid < 0) {
            violations.add(Violations.REFUSED, connection + ": " + command + " -> " + reply.status + " without the new UID");
        }
        return uid;
    }

    private <T> T pick(List<T> items) {
        return items.get(random.nextInt(items.size()));
    }
}
