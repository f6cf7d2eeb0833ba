package io.syncstore.backend.queue;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

import org.apache.commons.lang3.tuple.Pair;
import org.apache.james.mailbox.exception.MailboxException;
import org.apache.james.queue.api.MailQueue.MailQueueException;
import org.apache.james.queue.api.ManageableMailQueue;
import org.apache.mailet.Mail;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.syncstore.backend.data.PreparedMail;
import io.syncstore.backend.data.SpooledMails;
import io.syncstore.backend.db.Database;
import io.syncstore.backend.db.Sql;
import io.syncstore.backend.db.SqlWork;
import io.syncstore.backend.sql.QueueSql;

/** The items of one mail queue in the database. Times are epoch milliseconds. */
final class QueueItems {
    /** An item taken from the queue and marked in flight. */
    static final class Claimed {
        final long itemId;
        final Mail mail;

        Claimed(long itemId, Mail mail) {
            this.itemId = itemId;
            this.mail = mail;
        }
    }

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final Database database;
    private final SpooledMails spooledMails;
    private final String queueName;
    private final String claimNext;
    private final Leases leases;

    QueueItems(Database database, SpooledMails spooledMails, String queueName, Leases leases) {
        this.database = database;
        this.spooledMails = spooledMails;
        this.queueName = queueName;
        this.leases = leases;
        this.claimNext = QueueSql.claimNext(database.dialect().skipLockedRows());
    }

    void enqueue(PreparedMail mail, int priority, long nextDelivery) throws MailQueueException {
        write("enqueue", connection -> {
            long mailId = spooledMails.insert(connection, mail);
            return Sql.update(connection, QueueSql.ENQUEUE, queueName, mailId, priority, nextDelivery);
        });
    }

    /** Takes the next claimable item and leases it to this node. */
    Optional<Claimed> claimNext(long now) throws MailQueueException {
        Optional<Claimed> claimed = write("dequeue", connection -> {
            Optional<long[]> item = Sql.first(connection, claimNext,
                row -> new long[] {row.getLong("id"), row.getLong("mail_id")}, leases.owner(), leases.endFrom(now), queueName, now, now, now);
            if (item.isEmpty()) {
                return Optional.empty();
            }
            long itemId = item.get()[0];
            Mail mail = spooledMails.find(connection, item.get()[1])
                .orElseThrow(() -> new SQLException("Queue item " + itemId + " has no mail"));
            return Optional.of(new Claimed(itemId, mail));
        });
        claimed.ifPresent(item -> leases.taken());
        return claimed;
    }

    /** Removes a processed item and its mail; nothing happens if the item was removed meanwhile. */
    void acknowledge(long itemId) throws MailQueueException {
        try {
            write("acknowledge", connection -> {
                deleteItem(connection, itemId);
                return null;
            });
        } finally {
            leases.given();
        }
    }

    /** Puts the item back, unchanged, at the end of the queue. */
    void requeue(long itemId, long now) throws MailQueueException {
        try {
            write("requeue", connection -> {
                Sql.update(connection, QueueSql.REQUEUE_AT_END, now, itemId);
                return Sql.update(connection, QueueSql.DELETE_ITEM_ONLY, itemId);
            });
        } finally {
            leases.given();
        }
    }

    /** Makes an item claimed but not handed to anyone available again, in its place. */
    void release(long itemId) throws MailQueueException {
        try {
            write("release", connection -> Sql.update(connection, QueueSql.RELEASE_ITEM, itemId, leases.owner()));
        } finally {
            leases.given();
        }
    }

    /** Makes the items left in flight by a previous run available again, when no other node may hold them. */
    void releaseAllInFlight() throws MailQueueException {
        write("recover", connection -> Sql.update(connection, QueueSql.RELEASE_ALL, queueName));
    }

    long size() throws MailQueueException {
        return read(connection -> Sql.count(connection, QueueSql.SIZE, queueName));
    }

    /** When an item next becomes claimable: a waiting one falls due, or a lease held by a node runs out. */
    Optional<Long> earliestClaimable() throws MailQueueException {
        return read(connection -> Sql.first(connection, QueueSql.EARLIEST_CLAIMABLE,
            row -> Sql.optionalLong(row, "earliest").orElse(null), queueName));
    }

    long flush(long now) throws MailQueueException {
        return write("flush", connection -> Sql.update(connection, QueueSql.FLUSH, now, queueName, now));
    }

    List<ManageableMailQueue.MailQueueItemView> browse() throws MailQueueException {
        return read(connection -> Sql.list(connection, QueueSql.BROWSE,
            row -> new ManageableMailQueue.DefaultMailQueueItemView(spooledMails.toMail(row),
                Instant.ofEpochMilli(row.getLong("next_delivery")).atZone(ZoneOffset.UTC)),
            queueName));
    }

    long clear() throws MailQueueException {
        return write("clear", connection -> deleteMails(connection,
            Sql.list(connection, QueueSql.DELETE_ALL, row -> row.getLong(1), queueName)));
    }

    long remove(ManageableMailQueue.Type type, String value) throws MailQueueException {
        return write("remove", connection -> {
            switch (type) {
                case Name:
                    return deleteMails(connection, Sql.list(connection, QueueSql.DELETE_BY_NAME, row -> row.getLong(1), queueName, value));
                case Sender:
                    return deleteMails(connection, Sql.list(connection, QueueSql.DELETE_BY_SENDER, row -> row.getLong(1), queueName, value));
                case Recipient:
                    return removeByRecipient(connection, value);
                default:
                    throw new IllegalArgumentException("Unknown removal criterion " + type);
            }
        });
    }

    /** Recipients are a JSON column, so they are matched here rather than in SQL, as James's memory queue does. */
    private long removeByRecipient(Connection connection, String recipient) throws SQLException {
        List<Pair<Long, String>> items = Sql.list(connection, QueueSql.ITEMS_WITH_RECIPIENTS,
            row -> Pair.of(row.getLong("id"), row.getString("recipients")), queueName);
        long removed = 0;
        for (Pair<Long, String> item : items) {
            if (hasRecipient(item.getRight(), recipient)) {
                deleteItem(connection, item.getLeft());
                removed++;
            }
        }
        return removed;
    }

    private static boolean hasRecipient(String recipientsJson, String recipient) throws SQLException {
        try {
            for (JsonNode address : MAPPER.readTree(recipientsJson)) {
                if (address.asText().equals(recipient)) {
                    return true;
                }
            }
            return false;
        } catch (JsonProcessingException e) {
            throw new SQLException("Unreadable recipients " + recipientsJson, e);
        }
    }

    private void deleteItem(Connection connection, long itemId) throws SQLException {
        Optional<Long> mailId = Sql.first(connection, QueueSql.DELETE_ITEM, row -> row.getLong(1), itemId);
        if (mailId.isPresent()) {
            spooledMails.delete(connection, mailId.get());
        }
    }

    private long deleteMails(Connection connection, List<Long> mailIds) throws SQLException {
        for (long mailId : mailIds) {
            spooledMails.delete(connection, mailId);
        }
        return mailIds.size();
    }

    private <T> T read(SqlWork<T> work) throws MailQueueException {
        try {
            return database.read(work);
        } catch (MailboxException e) {
            throw new MailQueueException("Cannot read mail queue " + queueName + ": " + e.getMessage(), e);
        }
    }

    private <T> T write(String action, SqlWork<T> work) throws MailQueueException {
        try {
            return database.write(work);
        } catch (MailboxException e) {
            throw new MailQueueException("Cannot " + action + " in mail queue " + queueName + ": " + e.getMessage(), e);
        }
    }
}
