package io.syncstore.backend.data;

import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

import javax.inject.Inject;

import org.apache.commons.configuration2.HierarchicalConfiguration;
import org.apache.commons.configuration2.ex.ConfigurationException;
import org.apache.commons.configuration2.tree.ImmutableNode;
import org.apache.james.core.Username;
import org.apache.james.domainlist.api.DomainList;
import org.apache.james.user.api.UsersRepositoryException;
import org.apache.james.user.lib.UsersRepositoryImpl;
import org.apache.james.user.lib.model.DefaultUser;
import org.apache.james.util.DurationParser;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** James's users repository over the SyncStore users table. */
public class SyncStoreUsersRepository extends UsersRepositoryImpl<SyncStoreUsersDAO> {
    private static final Logger LOGGER = LoggerFactory.getLogger(SyncStoreUsersRepository.class);

    private Duration failureDelay = Duration.ZERO;

    @Inject
    public SyncStoreUsersRepository(DomainList domainList, SyncStoreUsersDAO usersDAO) {
        super(domainList, usersDAO);
    }

    @Override
    public void configure(HierarchicalConfiguration<ImmutableNode> configuration) throws ConfigurationException {
        super.configure(configuration);
        usersDAO.configure(configuration);
        // as James's own check reads it
        failureDelay = Optional.ofNullable(configuration.getString("verifyFailureDelay"))
            .map(delay -> DurationParser.parse(delay, ChronoUnit.SECONDS))
            .orElse(Duration.ZERO);
    }

    /** The user is read once for the check and for the rehash. */
    @Override
    public boolean test(Username name, String password) throws UsersRepositoryException {
        Optional<DefaultUser> user = usersDAO.getUserByName(name);
        if (user.isPresent() && user.get().verifyPassword(password)) {
            usersDAO.rehashWhenOutdated(user.get(), password);
            return true;
        }
        if (user.isEmpty()) {
            // logged as James's own check logs it, for whoever watches the log for failed logins
            LOGGER.info("Password check for {}: no such user", name.asString());
        }
        waitAfterFailure();
        return false;
    }

    private void waitAfterFailure() {
        if (failureDelay.isZero()) {
            return;
        }
        try {
            Thread.sleep(failureDelay.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
