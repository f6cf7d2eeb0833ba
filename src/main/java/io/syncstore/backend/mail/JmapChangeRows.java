package io.syncstore.backend.mail;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.apache.james.core.Username;
import org.apache.james.jmap.api.change.State;
import org.apache.james.mailbox.acl.MailboxACLResolver;
import org.apache.james.mailbox.acl.UnionMailboxACLResolver;
import org.apache.james.mailbox.exception.UnsupportedRightException;
import org.apache.james.mailbox.model.MailboxACL;
import org.apache.james.mailbox.model.MessageId;

import io.syncstore.backend.db.Database;
import io.syncstore.backend.db.Sql;
import io.syncstore.backend.jmap.JmapChangeStates;
import io.syncstore.backend.jmap.SavedChangeAccounts;
import io.syncstore.backend.model.SyncStoreMailboxId;
import io.syncstore.backend.sql.JmapChangeSql;

/**
 * JMAP's email and mailbox change rows of a message write, written in that write's transaction: a write that
 * commits has them, durably and at once, and costs no commit of its own. What each row holds is what James's
 * {@code MailboxChangeListener} records for the write's event (an email change and a count change of the mailbox for
 * messages added or expunged, an email change for flags, with a count change when \Seen changed), for the mailbox's
 * owner and, delegated, for each user its ACL names; all under the write's {@link JmapChangeStates state}. Once the
 * write commits, the accounts are {@link SavedChangeAccounts handed} to this node's change listener.
 */
final class JmapChangeRows {
    private static final int READ_BATCH = 500;

    private final Database database;
    private final SavedChangeAccounts savedAccounts;
    private final boolean concurrentWriters;

    JmapChangeRows(Database database, SavedChangeAccounts savedAccounts) {
        this.database = database;
        this.savedAccounts = savedAccounts;
        this.concurrentWriters = database.dialect().sharedByNodes();
    }

    void added(Connection connection, SyncStoreMailboxId mailboxId, State state, Collection<MessageId> messageIds)
        throws SQLException {
        String created = join(messageIds);
        List<Account> accounts = heldAccounts(connection, mailboxId);
        for (Account account : accounts) {
            insertEmailChange(connection, account, state, created, "", "");
            insertCountChange(connection, account, state, mailboxId);
        }
        handOverAfterCommit(state, accounts);
    }

    /** An expunged message a user can still read in another mailbox is updated for that user, else destroyed. */
    void expunged(Connection connection, SyncStoreMailboxId mailboxId, State state, List<StoredEntry> removed)
        throws SQLException {
        List<Account> accounts = heldAccounts(connection, mailboxId);
        if (accounts.isEmpty()) {
            return;
        }
        Map<MessageId, List<Holder>> holders = holdersOf(connection, removed);
        for (Account account : accounts) {
            List<MessageId> updated = new ArrayList<>();
            List<MessageId> destroyed = new ArrayList<>();
            for (Map.Entry<MessageId, List<Holder>> message : holders.entrySet()) {
                boolean readable = message.getValue().stream().anyMatch(holder -> holder.lets(account.name));
                (readable ? updated : destroyed).add(message.getKey());
            }
            insertEmailChange(connection, account, state, "", join(updated), join(destroyed));
            insertCountChange(connection, account, state, mailboxId);
        }
        handOverAfterCommit(state, accounts);
    }

    /** The mailboxes each removed message is still in, read in batches of at most {@value #READ_BATCH} messages. */
    private static Map<MessageId, List<Holder>> holdersOf(Connection connection, List<StoredEntry> removed) throws SQLException {
        Map<Long, MessageId> byPk = new LinkedHashMap<>();
        removed.forEach(entry -> byPk.put(entry.messagePk(), entry.messageId()));
        Map<Long, Map<Long, Holder>> holders = new LinkedHashMap<>();
        byPk.keySet().forEach(pk -> holders.put(pk, new LinkedHashMap<>()));
        List<Long> pks = new ArrayList<>(byPk.keySet());
        for (int from = 0; from < pks.size(); from += READ_BATCH) {
            List<Long> batch = pks.subList(from, Math.min(pks.size(), from + READ_BATCH));
            try (PreparedStatement statement = Sql.prepare(connection, JmapChangeSql.holdersOfMessages(batch.size()), batch.toArray());
                 ResultSet row = statement.executeQuery()) {
                while (row.next()) {
                    String owner = row.getString(3);
                    holders.get(row.getLong(1))
                        .computeIfAbsent(row.getLong(2), mailbox -> new Holder(owner))
                        .grant(row.getString(4), row.getString(5));
                }
            }
        }
        Map<MessageId, List<Holder>> byMessage = new LinkedHashMap<>();
        holders.forEach((pk, mailboxes) -> byMessage.put(byPk.get(pk), new ArrayList<>(mailboxes.values())));
        return byMessage;
    }

    void flagsChanged(Connection connection, SyncStoreMailboxId mailboxId, State state, Collection<MessageId> messageIds,
                      boolean seenChanged) throws SQLException {
        String updated = join(messageIds);
        List<Account> accounts = heldAccounts(connection, mailboxId);
        for (Account account : accounts) {
            insertEmailChange(connection, account, state, "", updated, "");
            if (seenChanged) {
                insertCountChange(connection, account, state, mailboxId);
            }
        }
        handOverAfterCommit(state, accounts);
    }

    private void handOverAfterCommit(State state, List<Account> accounts) {
        if (accounts.isEmpty()) {
            return;
        }
        Set<Username> names = accounts.stream().map(account -> Username.of(account.name)).collect(Collectors.toUnmodifiableSet());
        database.afterCommit(() -> savedAccounts.committed(state, names));
    }

    /**
     * The accounts of the mailbox's changes, held until the write commits where writes run concurrently (PostgreSQL).
     * A change's position in its account's log is taken when its row is inserted, and a client reads the log up to
     * the newest row committed: a write that inserted its row before another one but committed after it would put a
     * row behind a position a client already read past, and that client would never see it. Held, an account's rows
     * commit in the order of their positions; PostgreSQL breaks a deadlock between two writes by failing one, which
     * the writer runs again. With a single writer (SQLite) writes commit in order already.
     */
    private List<Account> heldAccounts(Connection connection, SyncStoreMailboxId mailboxId) throws SQLException {
        List<Account> accounts = accounts(connection, mailboxId);
        if (concurrentWriters) {
            int[] keys = accounts.stream().mapToInt(account -> account.name.hashCode()).distinct().sorted().toArray();
            for (int key : keys) {
                Sql.first(connection, JmapChangeSql.HOLD_ACCOUNT_CHANGES, row -> true, JmapChangeSql.ACCOUNT_CHANGES_LOCKS, key);
            }
        }
        return accounts;
    }

    /**
     * The owner, then every user with a positive entry in the mailbox's ACL (James's sharees); none for a mailbox of
     * no user, whose changes the change listener saves for the user who made them, as James does.
     */
    private static List<Account> accounts(Connection connection, SyncStoreMailboxId mailboxId) throws SQLException {
        List<String[]> rows = Sql.list(connection, JmapChangeSql.OWNER_AND_ACL_ENTRIES,
            row -> new String[] {row.getString(1), row.getString(2)}, mailboxId.value());
        List<Account> accounts = new ArrayList<>();
        if (rows.isEmpty() || rows.get(0)[0] == null || rows.get(0)[0].isEmpty()) {
            return accounts;
        }
        String owner = rows.get(0)[0];
        accounts.add(new Account(owner, false));
        Set<String> sharees = new LinkedHashSet<>();
        for (String[] row : rows) {
            if (row[1] != null) {
                MailboxACL.EntryKey key = MailboxACL.EntryKey.deserialize(row[1]);
                if (!key.isNegative() && key.getNameType() == MailboxACL.NameType.user && !key.getName().equals(owner)) {
                    sharees.add(key.getName());
                }
            }
        }
        sharees.forEach(sharee -> accounts.add(new Account(sharee, true)));
        return accounts;
    }

    private static void insertEmailChange(Connection connection, Account account, State state,
                                          String created, String updated, String destroyed) throws SQLException {
        Sql.update(connection, JmapChangeSql.insertEmailChange(), account.name, state.getValue().toString(), now(),
            account.delegated, false, created, updated, destroyed);
    }

    private static void insertCountChange(Connection connection, Account account, State state, SyncStoreMailboxId mailboxId) throws SQLException {
        Sql.update(connection, JmapChangeSql.insertMailboxChange(), account.name, state.getValue().toString(), now(),
            account.delegated, true, "", mailboxId.serialize(), "");
    }

    private static long now() {
        return ChronoUnit.MICROS.between(Instant.EPOCH, Instant.now());
    }

    private static String join(Collection<MessageId> ids) {
        return ids.stream().map(MessageId::serialize).distinct().collect(Collectors.joining(" "));
    }

    private static final class Account {
        private final String name;
        private final boolean delegated;

        private Account(String name, boolean delegated) {
            this.name = name;
            this.delegated = delegated;
        }
    }

    /**
     * A mailbox still holding an expunged message: its owner and ACL. A user can read the message there if James's
     * ACL resolution gives the user the read right: as owner, by a user entry, or through {@code anyone} or
     * {@code authenticated}, less what negative entries take away.
     */
    private static final class Holder {
        private static final MailboxACLResolver RESOLVER = new UnionMailboxACLResolver();

        private final String owner;
        private final Map<MailboxACL.EntryKey, MailboxACL.Rfc4314Rights> entries = new HashMap<>();

        private Holder(String owner) {
            this.owner = owner;
        }

        void grant(String entryKey, String rights) throws SQLException {
            if (entryKey != null) {
                entries.put(MailboxACL.EntryKey.deserialize(entryKey), SyncStoreMailboxMapper.rights(rights));
            }
        }

        boolean lets(String user) {
            try {
                return RESOLVER.resolveRights(Username.of(user), new MailboxACL(entries), owner)
                    .contains(MailboxACL.Right.Read);
            } catch (UnsupportedRightException e) {
                return false;
            }
        }
    }
}
