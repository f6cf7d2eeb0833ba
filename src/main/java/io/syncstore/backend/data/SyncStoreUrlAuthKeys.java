package io.syncstore.backend.data;

import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Optional;

import javax.inject.Inject;

import org.apache.james.core.Username;
import org.apache.james.mailbox.model.MailboxId;

import com.google.common.io.BaseEncoding;

import io.syncstore.api.UrlAuthKeys;
import io.syncstore.backend.db.Database;
import io.syncstore.backend.db.Sql;
import io.syncstore.backend.sql.UrlAuthKeySql;
import reactor.core.publisher.Mono;

/** URLAUTH's mailbox access keys in the SyncStore database: 256 random bits each, made on first use. */
public class SyncStoreUrlAuthKeys implements UrlAuthKeys {
    private static final int KEY_OCTETS = 32;
    private static final BaseEncoding HEX = BaseEncoding.base16().lowerCase();

    private final Database database;
    private final SecureRandom random = new SecureRandom();

    @Inject
    public SyncStoreUrlAuthKeys(Database database) {
        this.database = database;
    }

    @Override
    public Mono<byte[]> key(Username user, MailboxId mailbox) {
        byte[] candidate = new byte[KEY_OCTETS];
        random.nextBytes(candidate);
        // two connections making the first key at once both read the one that was inserted first
        return database.writeReactive(connection -> {
            Sql.update(connection, UrlAuthKeySql.INSERT_IF_ABSENT, user.asString(), mailbox.serialize(), HEX.encode(candidate));
            return stored(connection, user, mailbox).orElseThrow();
        });
    }

    @Override
    public Mono<byte[]> existingKey(Username user, MailboxId mailbox) {
        return database.readReactive(connection -> stored(connection, user, mailbox))
            .flatMap(Mono::justOrEmpty);
    }

    @Override
    public Mono<Void> reset(Username user, MailboxId mailbox) {
        return database.writeReactive(connection -> Sql.update(connection, UrlAuthKeySql.DELETE,
            user.asString(), mailbox.serialize())).then();
    }

    @Override
    public Mono<Void> resetAll(Username user) {
        return database.writeReactive(connection -> Sql.update(connection, UrlAuthKeySql.DELETE_ALL_OF_USER,
            user.asString())).then();
    }

    private static Optional<byte[]> stored(Connection connection, Username user, MailboxId mailbox) throws SQLException {
        return Sql.first(connection, UrlAuthKeySql.SELECT, row -> HEX.decode(row.getString(1)),
            user.asString(), mailbox.serialize());
    }
}
