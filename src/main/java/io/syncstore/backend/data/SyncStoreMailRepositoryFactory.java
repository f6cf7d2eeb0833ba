package io.syncstore.backend.data;

import javax.inject.Inject;

import org.apache.james.mailrepository.api.MailRepository;
import org.apache.james.mailrepository.api.MailRepositoryFactory;
import org.apache.james.mailrepository.api.MailRepositoryUrl;
import org.apache.james.mailrepository.api.Protocol;

import io.syncstore.backend.db.Database;

/**
 * Creates the repositories that {@code mailrepositorystore.xml} maps to {@link SyncStoreMailRepository}, by default
 * those of the {@code syncstore} protocol, such as {@code syncstore://var/mail/error/}.
 */
public class SyncStoreMailRepositoryFactory implements MailRepositoryFactory {
    public static final Protocol PROTOCOL = new Protocol("syncstore");

    private final Database database;
    private final SpooledMails spooledMails;

    @Inject
    public SyncStoreMailRepositoryFactory(Database database, SpooledMails spooledMails) {
        this.database = database;
        this.spooledMails = spooledMails;
    }

    @Override
    public Class<? extends MailRepository> mailRepositoryClass() {
        return SyncStoreMailRepository.class;
    }

    @Override
    public MailRepository create(MailRepositoryUrl url) {
        return new SyncStoreMailRepository(database, spooledMails, url);
    }
}
