package io.syncstore.backend.data;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Optional;

import javax.inject.Inject;

import org.apache.james.core.Username;
import org.apache.james.core.quota.QuotaSizeLimit;
import org.apache.james.core.quota.QuotaSizeUsage;
import org.apache.james.mailbox.exception.MailboxException;
import org.apache.james.sieverepository.api.ScriptContent;
import org.apache.james.sieverepository.api.ScriptName;
import org.apache.james.sieverepository.api.ScriptSummary;
import org.apache.james.sieverepository.api.SieveRepository;
import org.apache.james.sieverepository.api.exception.DuplicateException;
import org.apache.james.sieverepository.api.exception.IsActiveException;
import org.apache.james.sieverepository.api.exception.QuotaExceededException;
import org.apache.james.sieverepository.api.exception.QuotaNotFoundException;
import org.apache.james.sieverepository.api.exception.ScriptNotFoundException;
import org.apache.james.sieverepository.api.exception.StorageException;

import io.syncstore.backend.db.Database;
import io.syncstore.backend.db.Sql;
import io.syncstore.backend.db.SqlWork;
import io.syncstore.backend.sql.SieveSql;

/**
 * Sieve scripts of each user, at most one of them active, within per-user or default quotas. The quota check and
 * the change it allows happen in one transaction.
 */
public class SyncStoreSieveRepository implements SieveRepository {
    private static final String DEFAULT_QUOTA_OWNER = "";

    private final Database database;
    private final Clock clock;

    @Inject
    public SyncStoreSieveRepository(Database database) {
        this(database, Clock.systemUTC());
    }

    SyncStoreSieveRepository(Database database, Clock clock) {
        this.database = database;
        this.clock = clock;
    }

    @Override
    public void haveSpace(Username username, ScriptName name, long size) throws QuotaExceededException, StorageException {
        run(() -> database.read(connection -> {
            checkSpace(connection, username, name, size);
            return null;
        }));
    }

    @Override
    public void putScript(Username username, ScriptName name, ScriptContent content) throws StorageException, QuotaExceededException {
        run(() -> database.write(connection -> {
            checkSpace(connection, username, name, content.length());
            return Sql.update(connection, SieveSql.UPSERT_SCRIPT, username.asString(), name.getValue(),
                content.getValue(), content.length());
        }));
    }

    @Override
    public List<ScriptSummary> listScripts(Username username) throws StorageException {
        return run(() -> database.read(connection -> Sql.list(connection, SieveSql.SCRIPTS_OF,
            row -> new ScriptSummary(new ScriptName(row.getString("name")), row.getBoolean("active")),
            username.asString())));
    }

    @Override
    public ZonedDateTime getActivationDateForActiveScript(Username username) throws StorageException, ScriptNotFoundException {
        long activatedAt = run(() -> database.read(connection -> Sql.first(connection, SieveSql.ACTIVATION_DATE,
                row -> row.getLong(1), username.asString())))
            .orElseThrow(() -> new ScriptNotFoundException("No active script for user " + username.asString()));
        return ZonedDateTime.ofInstant(Instant.ofEpochMilli(activatedAt), ZoneOffset.UTC);
    }

    @Override
    public InputStream getActive(Username username) throws ScriptNotFoundException, StorageException {
        return asStream(run(() -> database.read(connection -> Sql.first(connection, SieveSql.ACTIVE_CONTENT,
                row -> row.getString(1), username.asString())))
            .orElseThrow(() -> new ScriptNotFoundException("No active script for user " + username.asString())));
    }

    @Override
    public void setActive(Username username, ScriptName name) throws ScriptNotFoundException, StorageException {
        run(() -> database.write(connection -> {
            if (!NO_SCRIPT_NAME.equals(name) && !isActive(connection, username, name).isPresent()) {
                throw new ScriptNotFoundMailboxException(username, name);
            }
            Sql.update(connection, SieveSql.DEACTIVATE_ALL, username.asString());
            return Sql.update(connection, SieveSql.ACTIVATE, clock.millis(), username.asString(), name.getValue());
        }));
    }

    @Override
    public InputStream getScript(Username username, ScriptName name) throws ScriptNotFoundException, StorageException {
        return asStream(run(() -> database.read(connection -> Sql.first(connection, SieveSql.SCRIPT_CONTENT,
                row -> row.getString(1), username.asString(), name.getValue())))
            .orElseThrow(() -> scriptNotFound(username, name)));
    }

    @Override
    public void deleteScript(Username username, ScriptName name) throws ScriptNotFoundException, IsActiveException, StorageException {
        run(() -> database.write(connection -> {
            boolean active = isActive(connection, username, name)
                .orElseThrow(() -> new ScriptNotFoundMailboxException(username, name));
            if (active) {
                throw new SieveMailboxException(new IsActiveException("Cannot delete the active script " + name.getValue()));
            }
            return Sql.update(connection, SieveSql.DELETE_SCRIPT, username.asString(), name.getValue());
        }));
    }

    @Override
    public void renameScript(Username username, ScriptName oldName, ScriptName newName) throws ScriptNotFoundException, DuplicateException, StorageException {
        run(() -> database.write(connection -> {
            if (!isActive(connection, username, oldName).isPresent()) {
                throw new ScriptNotFoundMailboxException(username, oldName);
            }
            if (isActive(connection, username, newName).isPresent()) {
                throw new SieveMailboxException(new DuplicateException("A script named " + newName.getValue() + " already exists"));
            }
            return Sql.update(connection, SieveSql.RENAME, newName.getValue(), username.asString(), oldName.getValue());
        }));
    }

    @Override
    public boolean hasDefaultQuota() throws StorageException {
        return quotaOf(DEFAULT_QUOTA_OWNER).isPresent();
    }

    @Override
    public QuotaSizeLimit getDefaultQuota() throws QuotaNotFoundException, StorageException {
        return quotaOf(DEFAULT_QUOTA_OWNER).orElseThrow(() -> new QuotaNotFoundException("No default sieve quota"));
    }

    @Override
    public void setDefaultQuota(QuotaSizeLimit quota) throws StorageException {
        setQuotaOf(DEFAULT_QUOTA_OWNER, quota);
    }

    @Override
    public void removeQuota() throws StorageException {
        removeQuotaOf(DEFAULT_QUOTA_OWNER);
    }

    @Override
    public boolean hasQuota(Username username) throws StorageException {
        return quotaOf(username.asString()).isPresent();
    }

    @Override
    public QuotaSizeLimit getQuota(Username username) throws QuotaNotFoundException, StorageException {
        return quotaOf(username.asString())
            .orElseThrow(() -> new QuotaNotFoundException("No sieve quota for user " + username.asString()));
    }

    @Override
    public void setQuota(Username username, QuotaSizeLimit quota) throws StorageException {
        setQuotaOf(username.asString(), quota);
    }

    @Override
    public void removeQuota(Username username) throws StorageException {
        removeQuotaOf(username.asString());
    }

    private void checkSpace(Connection connection, Username username, ScriptName name, long size) throws SQLException, SieveMailboxException {
        long usedByOthers = Sql.count(connection, SieveSql.SPACE_USED_BY_OTHER_SCRIPTS, username.asString(), name.getValue());
        QuotaSizeLimit limit = Sql.first(connection, SieveSql.EFFECTIVE_QUOTA_OF, SyncStoreSieveRepository::toLimit, username.asString())
            .orElse(QuotaSizeLimit.unlimited());
        if (QuotaSizeUsage.size(usedByOthers).add(size).exceedLimit(limit)) {
            throw new SieveMailboxException(new QuotaExceededException());
        }
    }

    /** Whether the script is active; empty when there is no such script. */
    private static Optional<Boolean> isActive(Connection connection, Username username, ScriptName name) throws SQLException {
        return Sql.first(connection, SieveSql.SCRIPT_IS_ACTIVE, row -> row.getBoolean(1), username.asString(), name.getValue());
    }

    private Optional<QuotaSizeLimit> quotaOf(String owner) throws StorageException {
        return run(() -> database.read(connection -> Sql.first(connection, SieveSql.QUOTA_OF,
            SyncStoreSieveRepository::toLimit, owner)));
    }

    private void setQuotaOf(String owner, QuotaSizeLimit quota) throws StorageException {
        Long maxSize = quota.isLimited() ? quota.asLong() : null;
        run(() -> database.write(connection -> Sql.update(connection, SieveSql.SET_QUOTA, owner, maxSize)));
    }

    private void removeQuotaOf(String owner) throws StorageException {
        run(() -> database.write(connection -> Sql.update(connection, SieveSql.DELETE_QUOTA, owner)));
    }

    private static QuotaSizeLimit toLimit(java.sql.ResultSet row) throws SQLException {
        return QuotaSizeLimit.size(Sql.optionalLong(row, "max_size"));
    }

    private static InputStream asStream(String content) {
        return new ByteArrayInputStream(content.getBytes(StandardCharsets.UTF_8));
    }

    private static ScriptNotFoundException scriptNotFound(Username username, ScriptName name) {
        return new ScriptNotFoundException("No script " + name.getValue() + " for user " + username.asString());
    }

    @FunctionalInterface
    private interface DatabaseCall<T> {
        T call() throws MailboxException;
    }

    /**
     * Rethrows, as it is, the sieve exception raised inside the database work (always one that the calling method
     * declares; {@code E} is only there to let it through) and reports storage failures as James expects.
     */
    @SuppressWarnings("unchecked")
    private static <T, E extends Exception> T run(DatabaseCall<T> call) throws StorageException, E {
        try {
            return call.call();
        } catch (SieveMailboxException e) {
            throw (E) e.getCause();
        } catch (MailboxException e) {
            throw new StorageException("Sieve storage failed: " + e.getMessage(), e);
        }
    }

    /** Carries a sieve exception out of a {@link SqlWork}, which may only throw SQL and mailbox exceptions. */
    private static class SieveMailboxException extends MailboxException {
        SieveMailboxException(Exception sieveException) {
            super(sieveException.getMessage(), sieveException);
        }
    }

    private static final class ScriptNotFoundMailboxException extends SieveMailboxException {
        ScriptNotFoundMailboxException(Username username, ScriptName name) {
            super(scriptNotFound(username, name));
        }
    }
}
