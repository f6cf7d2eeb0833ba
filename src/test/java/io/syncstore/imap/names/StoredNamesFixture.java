package io.syncstore.imap.names;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.withSettings;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.james.core.Username;
import org.apache.james.imap.api.process.ImapSession;
import org.apache.james.mailbox.MailboxManager;
import org.apache.james.mailbox.MailboxSession;
import org.apache.james.mailbox.inmemory.manager.InMemoryIntegrationResources;
import org.apache.james.mailbox.model.MailboxPath;
import org.apache.james.mailbox.model.search.MailboxQuery;
import org.mockito.AdditionalAnswers;
import org.mockito.Mockito;

/**
 * A user's mailboxes in James's in-memory mailbox manager, an IMAP session of that user, a count of the mailboxes
 * that mailbox searches read, and the threads that asked for them (the manager may emit them on a thread of its own).
 */
final class StoredNamesFixture {
    final MailboxManager manager = InMemoryIntegrationResources.defaultResources().getMailboxManager();
    final MailboxSession mailboxSession = manager.createSystemSession(Username.of("user@names.test"));
    final AtomicInteger mailboxesRead = new AtomicInteger();
    final List<String> searchingThreads = new CopyOnWriteArrayList<>();
    final ImapSession session;
    final StoredNames storedNames;

    StoredNamesFixture() {
        MailboxManager counting = mock(MailboxManager.class, AdditionalAnswers.delegatesTo(manager));
        doAnswer(search -> {
            searchingThreads.add(Thread.currentThread().getName());
            return manager.search(search.<MailboxQuery>getArgument(0), search.getArgument(1))
                .doOnNext(read -> mailboxesRead.incrementAndGet());
        })
            .when(counting).search(any(MailboxQuery.class), any(MailboxSession.class));
        storedNames = new StoredNames(counting);
        Map<String, Object> attributes = new ConcurrentHashMap<>();
        session = mock(ImapSession.class, withSettings().defaultAnswer(Mockito.CALLS_REAL_METHODS));
        doAnswer(get -> attributes.get(get.<String>getArgument(0))).when(session).getAttribute(anyString());
        doAnswer(set -> attributes.put(set.getArgument(0), set.getArgument(1))).when(session).setAttribute(anyString(), any());
        session.setMailboxSession(mailboxSession);
    }

    void create(String name) throws Exception {
        manager.createMailbox(MailboxPath.forUser(mailboxSession.getUser(), name), mailboxSession);
    }

    int mailboxesRead() {
        return mailboxesRead.get();
    }

    void forgetReads() {
        mailboxesRead.set(0);
        searchingThreads.clear();
    }
}
