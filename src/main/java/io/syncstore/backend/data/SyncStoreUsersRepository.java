package io.syncstore.backend.data;

import javax.inject.Inject;

import org.apache.commons.configuration2.HierarchicalConfiguration;
import org.apache.commons.configuration2.ex.ConfigurationException;
import org.apache.commons.configuration2.tree.ImmutableNode;
import org.apache.james.core.Username;
import org.apache.james.domainlist.api.DomainList;
import org.apache.james.user.api.UsersRepositoryException;
import org.apache.james.user.lib.UsersRepositoryImpl;

/** James's users repository over the SyncStore users table. */
public class SyncStoreUsersRepository extends UsersRepositoryImpl<SyncStoreUsersDAO> {
    @Inject
    public SyncStoreUsersRepository(DomainList domainList, SyncStoreUsersDAO usersDAO) {
        super(domainList, usersDAO);
    }

    @Override
    public void configure(HierarchicalConfiguration<ImmutableNode> configuration) throws ConfigurationException {
        super.configure(configuration);
        usersDAO.configure(configuration);
    }

    @Override
    public boolean test(Username name, String password) throws UsersRepositoryException {
        boolean verified = super.test(name, password);
        if (verified) {
            usersDAO.rehashWhenOutdated(name, password);
        }
        return verified;
    }
}
