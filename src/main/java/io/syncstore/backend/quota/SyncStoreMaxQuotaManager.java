package io.syncstore.backend.quota;

import static io.syncstore.backend.db.UncheckedStorageException.unchecked;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import javax.inject.Inject;

import org.apache.james.core.Domain;
import org.apache.james.core.quota.QuotaCountLimit;
import org.apache.james.core.quota.QuotaSizeLimit;
import org.apache.james.mailbox.exception.MailboxException;
import org.apache.james.mailbox.model.Quota.Scope;
import org.apache.james.mailbox.model.QuotaRoot;
import org.apache.james.mailbox.quota.MaxQuotaManager;

import io.syncstore.backend.db.Database;
import io.syncstore.backend.db.SqlWork;
import reactor.core.publisher.Mono;

/** Message count and storage limits, global, per domain and per quota root. */
public final class SyncStoreMaxQuotaManager implements MaxQuotaManager {
    private final Database database;
    private final QuotaLimits<QuotaCountLimit> messages = new QuotaLimits<>("count", QuotaCountLimit::count);
    private final QuotaLimits<QuotaSizeLimit> storage = new QuotaLimits<>("size", QuotaSizeLimit::size);

    @Inject
    public SyncStoreMaxQuotaManager(Database database) {
        this.database = database;
    }

    @Override
    public void setMaxStorage(QuotaRoot quotaRoot, QuotaSizeLimit maxStorageQuota) throws MailboxException {
        database.write(storage.setFor(quotaRoot, maxStorageQuota));
    }

    @Override
    public Mono<Void> setMaxStorageReactive(QuotaRoot quotaRoot, QuotaSizeLimit maxStorageQuota) {
        return write(storage.setFor(quotaRoot, maxStorageQuota));
    }

    @Override
    public void setMaxMessage(QuotaRoot quotaRoot, QuotaCountLimit maxMessageCount) throws MailboxException {
        database.write(messages.setFor(quotaRoot, maxMessageCount));
    }

    @Override
    public Mono<Void> setMaxMessageReactive(QuotaRoot quotaRoot, QuotaCountLimit maxMessageCount) {
        return write(messages.setFor(quotaRoot, maxMessageCount));
    }

    @Override
    public void removeMaxMessage(QuotaRoot quotaRoot) throws MailboxException {
        database.write(messages.removeFor(quotaRoot));
    }

    @Override
    public Mono<Void> removeMaxMessageReactive(QuotaRoot quotaRoot) {
        return write(messages.removeFor(quotaRoot));
    }

    @Override
    public void removeMaxStorage(QuotaRoot quotaRoot) throws MailboxException {
        database.write(storage.removeFor(quotaRoot));
    }

    @Override
    public Mono<Void> removeMaxStorageReactive(QuotaRoot quotaRoot) {
        return write(storage.removeFor(quotaRoot));
    }

    @Override
    public void setGlobalMaxStorage(QuotaSizeLimit globalMaxStorage) throws MailboxException {
        database.write(storage.setGlobal(globalMaxStorage));
    }

    @Override
    public Mono<Void> setGlobalMaxStorageReactive(QuotaSizeLimit globalMaxStorage) {
        return write(storage.setGlobal(globalMaxStorage));
    }

    @Override
    public void removeGlobalMaxStorage() throws MailboxException {
        database.write(storage.removeGlobal());
    }

    @Override
    public Mono<Void> removeGlobalMaxStorageReactive() {
        return write(storage.removeGlobal());
    }

    @Override
    public void setGlobalMaxMessage(QuotaCountLimit globalMaxMessageCount) throws MailboxException {
        database.write(messages.setGlobal(globalMaxMessageCount));
    }

    @Override
    public Mono<Void> setGlobalMaxMessageReactive(QuotaCountLimit globalMaxMessageCount) {
        return write(messages.setGlobal(globalMaxMessageCount));
    }

    @Override
    public void removeGlobalMaxMessage() throws MailboxException {
        database.write(messages.removeGlobal());
    }

    @Override
    public Mono<Void> removeGlobalMaxMessageReactive() {
        return write(messages.removeGlobal());
    }

    @Override
    public Optional<QuotaSizeLimit> getGlobalMaxStorage() throws MailboxException {
        return database.read(storage.global());
    }

    @Override
    public Mono<QuotaSizeLimit> getGlobalMaxStorageReactive() {
        return read(storage.global());
    }

    @Override
    public Optional<QuotaCountLimit> getGlobalMaxMessage() throws MailboxException {
        return database.read(messages.global());
    }

    @Override
    public Mono<QuotaCountLimit> getGlobalMaxMessageReactive() {
        return read(messages.global());
    }

    @Override
    public Map<Scope, QuotaCountLimit> listMaxMessagesDetails(QuotaRoot quotaRoot) {
        return unchecked(() -> database.read(messages.applyingTo(quotaRoot)));
    }

    @Override
    public Mono<Map<Scope, QuotaCountLimit>> listMaxMessagesDetailsReactive(QuotaRoot quotaRoot) {
        return database.readReactive(messages.applyingTo(quotaRoot));
    }

    @Override
    public Map<Scope, QuotaSizeLimit> listMaxStorageDetails(QuotaRoot quotaRoot) {
        return unchecked(() -> database.read(storage.applyingTo(quotaRoot)));
    }

    @Override
    public Mono<Map<Scope, QuotaSizeLimit>> listMaxStorageDetailsReactive(QuotaRoot quotaRoot) {
        return database.readReactive(storage.applyingTo(quotaRoot));
    }

    /** Both resources' limits in one statement: James's default reads them one after the other. */
    @Override
    public QuotaDetails quotaDetails(QuotaRoot quotaRoot) {
        return unchecked(() -> database.read(detailsOf(quotaRoot)));
    }

    @Override
    public Mono<QuotaDetails> quotaDetailsReactive(QuotaRoot quotaRoot) {
        return database.readReactive(detailsOf(quotaRoot));
    }

    SqlWork<QuotaDetails> detailsOf(QuotaRoot quotaRoot) {
        return connection -> details(QuotaLimits.storedApplyingTo(connection, quotaRoot));
    }

    QuotaDetails details(List<QuotaLimits.StoredLimit> stored) {
        return new QuotaDetails(messages.of(stored), storage.of(stored));
    }

    @Override
    public Optional<QuotaCountLimit> getDomainMaxMessage(Domain domain) {
        return unchecked(() -> database.read(messages.of(domain)));
    }

    @Override
    public Mono<QuotaCountLimit> getDomainMaxMessageReactive(Domain domain) {
        return read(messages.of(domain));
    }

    @Override
    public void setDomainMaxMessage(Domain domain, QuotaCountLimit count) throws MailboxException {
        database.write(messages.setFor(domain, count));
    }

    @Override
    public Mono<Void> setDomainMaxMessageReactive(Domain domain, QuotaCountLimit count) {
        return write(messages.setFor(domain, count));
    }

    @Override
    public void removeDomainMaxMessage(Domain domain) throws MailboxException {
        database.write(messages.removeFor(domain));
    }

    @Override
    public Mono<Void> removeDomainMaxMessageReactive(Domain domain) {
        return write(messages.removeFor(domain));
    }

    @Override
    public void setDomainMaxStorage(Domain domain, QuotaSizeLimit size) throws MailboxException {
        database.write(storage.setFor(domain, size));
    }

    @Override
    public Mono<Void> setDomainMaxStorageReactive(Domain domain, QuotaSizeLimit size) {
        return write(storage.setFor(domain, size));
    }

    @Override
    public Optional<QuotaSizeLimit> getDomainMaxStorage(Domain domain) {
        return unchecked(() -> database.read(storage.of(domain)));
    }

    @Override
    public Mono<QuotaSizeLimit> getDomainMaxStorageReactive(Domain domain) {
        return read(storage.of(domain));
    }

    @Override
    public void removeDomainMaxStorage(Domain domain) throws MailboxException {
        database.write(storage.removeFor(domain));
    }

    @Override
    public Mono<Void> removeDomainMaxStorageReactive(Domain domain) {
        return write(storage.removeFor(domain));
    }

    private <T> Mono<T> read(SqlWork<Optional<T>> work) {
        return database.readReactive(work).flatMap(Mono::justOrEmpty);
    }

    private Mono<Void> write(SqlWork<Integer> work) {
        return database.writeReactive(work).then();
    }
}
