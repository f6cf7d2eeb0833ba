package io.syncstore.backend.data;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Iterator;
import java.util.Optional;

import javax.inject.Inject;

import org.apache.commons.configuration2.HierarchicalConfiguration;
import org.apache.commons.configuration2.tree.ImmutableNode;
import org.apache.james.core.Username;
import org.apache.james.lifecycle.api.Configurable;
import org.apache.james.mailbox.exception.MailboxException;
import org.apache.james.user.api.AlreadyExistInUsersRepositoryException;
import org.apache.james.user.api.UsersRepositoryException;
import org.apache.james.user.api.model.User;
import org.apache.james.user.lib.UsersDAO;
import org.apache.james.user.lib.model.Algorithm;
import org.apache.james.user.lib.model.DefaultUser;

import io.syncstore.backend.db.Database;
import io.syncstore.backend.db.Sql;
import io.syncstore.backend.db.SqlWork;
import io.syncstore.backend.sql.UserSql;

/**
 * James users with passwords hashed by James's own {@link DefaultUser} and {@link Algorithm}, configured by the
 * {@code algorithm} and {@code hashingMode} keys of {@code usersrepository.xml} as for the memory repository.
 */
public class SyncStoreUsersDAO implements UsersDAO, Configurable {
    private static final String DEFAULT_ALGORITHM = "PBKDF2";

    private final Database database;
    private Algorithm algorithm = Algorithm.of(DEFAULT_ALGORITHM);

    @Inject
    public SyncStoreUsersDAO(Database database) {
        this.database = database;
    }

    @Override
    public void configure(HierarchicalConfiguration<ImmutableNode> configuration) {
        algorithm = Algorithm.of(configuration.getString("algorithm", DEFAULT_ALGORITHM),
            configuration.getString("hashingMode", Algorithm.HashingMode.PLAIN.name()));
    }

    @Override
    public Optional<DefaultUser> getUserByName(Username name) throws UsersRepositoryException {
        return read(connection -> Sql.first(connection, UserSql.FIND, this::toUser, name.asString()));
    }

    @Override
    public void updateUser(User user) throws UsersRepositoryException {
        if (!(user instanceof DefaultUser)) {
            throw new UsersRepositoryException("Cannot store a user of type " + user.getClass().getName());
        }
        DefaultUser defaultUser = (DefaultUser) user;
        int updated = write(connection -> Sql.update(connection, UserSql.UPDATE_PASSWORD,
            defaultUser.getHashedPassword(), defaultUser.getHashAlgorithm().asString(), user.getUserName().asString()));
        if (updated == 0) {
            throw new UsersRepositoryException("Please provide an existing user to update");
        }
    }

    @Override
    public void removeUser(Username name) throws UsersRepositoryException {
        if (write(connection -> Sql.update(connection, UserSql.DELETE, name.asString())) == 0) {
            throw new UsersRepositoryException("unable to remove unknown user " + name.asString());
        }
    }

    @Override
    public boolean contains(Username name) throws UsersRepositoryException {
        return read(connection -> Sql.count(connection, UserSql.COUNT_NAMED, name.asString()) > 0);
    }

    @Override
    public int countUsers() throws UsersRepositoryException {
        return read(connection -> (int) Sql.count(connection, UserSql.COUNT));
    }

    @Override
    public Iterator<Username> list() throws UsersRepositoryException {
        return read(connection -> Sql.list(connection, UserSql.LIST_NAMES, row -> Username.of(row.getString(1))))
            .iterator();
    }

    @Override
    public void addUser(Username username, String password) throws UsersRepositoryException {
        DefaultUser user = new DefaultUser(username, algorithm, algorithm);
        user.setPassword(password);
        int inserted = write(connection -> Sql.update(connection, UserSql.INSERT,
            username.asString(), user.getHashedPassword(), algorithm.asString()));
        if (inserted == 0) {
            throw new AlreadyExistInUsersRepositoryException("User with username " + username.asString() + " already exists!");
        }
    }

    /**
     * Stores the password again with the configured algorithm when it was stored with another one, so that a change of
     * {@code algorithm} in {@code usersrepository.xml} reaches every user at their next login (the password is only
     * known then).
     */
    void rehashWhenOutdated(DefaultUser user, String verifiedPassword) throws UsersRepositoryException {
        if (user.getHashAlgorithm().asString().equals(algorithm.asString())) {
            return;
        }
        Username name = user.getUserName();
        String previousHash = user.getHashedPassword();
        user.setPassword(verifiedPassword);
        // the stored hash is replaced only if no password change came in between
        write(connection -> Sql.update(connection, UserSql.REHASH, user.getHashedPassword(),
            user.getHashAlgorithm().asString(), name.asString(), previousHash));
    }

    private DefaultUser toUser(ResultSet row) throws SQLException {
        return new DefaultUser(Username.of(row.getString("name")), row.getString("password_hash"),
            Algorithm.of(row.getString("hash_algorithm")), algorithm);
    }

    private <T> T read(SqlWork<T> work) throws UsersRepositoryException {
        try {
            return database.read(work);
        } catch (MailboxException e) {
            throw new UsersRepositoryException("Cannot read users: " + e.getMessage(), e);
        }
    }

    private <T> T write(SqlWork<T> work) throws UsersRepositoryException {
        try {
            return database.write(work);
        } catch (MailboxException e) {
            throw new UsersRepositoryException("Cannot store users: " + e.getMessage(), e);
        }
    }
}
