package io.syncstore.backend.manager;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;

import org.apache.james.core.Username;
import org.apache.james.mailbox.MailboxSession;
import org.apache.james.mailbox.MessageManager;
import org.apache.james.mailbox.model.FetchGroup;
import org.apache.james.mailbox.model.MailboxPath;
import org.apache.james.mailbox.model.MessageRange;
import org.apache.james.mailbox.model.MessageResult;
import org.apache.james.mailbox.model.ThreadId;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.syncstore.backend.SyncStoreMailboxManager;
import io.syncstore.backend.SyncStoreResources;
import io.syncstore.backend.TestDatabases;

/**
 * A message and its replies appended at once from many sessions end in one thread, whichever is stored first: the
 * thread is looked up and recorded in the write that stores the message.
 */
class ConcurrentThreadingTest {
    private static final int REPLIES = 24;

    @RegisterExtension
    static final TestDatabases DATABASES = new TestDatabases();

    @RepeatedTest(3)
    void aMessageAndItsRepliesAppendedAtOnceShareOneThread() throws Exception {
        SyncStoreMailboxManager manager = SyncStoreResources.defaultResources(DATABASES.open()).getMailboxManager();
        MailboxSession session = manager.createSystemSession(Username.of("ann@example.org"));
        MailboxPath inbox = MailboxPath.inbox(session);
        manager.createMailbox(inbox, session);
        MessageManager mailbox = manager.getMailbox(inbox, session);

        List<Callable<Object>> appends = new ArrayList<>();
        appends.add(() -> append(mailbox, session, "Message-ID: <root@x>\r\nSubject: plans\r\n"));
        for (int i = 0; i < REPLIES; i++) {
            String header = "Message-ID: <reply" + i + "@x>\r\nIn-Reply-To: <root@x>\r\nSubject: Re: plans\r\n";
            appends.add(() -> append(mailbox, session, header));
        }
        ExecutorService sessions = Executors.newFixedThreadPool(8);
        try {
            for (Future<Object> append : sessions.invokeAll(appends)) {
                append.get();
            }
        } finally {
            sessions.shutdownNow();
        }

        List<MessageResult> stored = new ArrayList<>();
        mailbox.getMessages(MessageRange.all(), FetchGroup.MINIMAL, session).forEachRemaining(stored::add);
        Set<ThreadId> threads = stored.stream().map(MessageResult::getThreadId).collect(Collectors.toSet());
        assertThat(stored).hasSize(REPLIES + 1);
        assertThat(threads).hasSize(1);
    }

    private static Object append(MessageManager mailbox, MailboxSession session, String header) throws Exception {
        byte[] message = (header + "From: bob@example.org\r\n\r\ntext\r\n").getBytes(StandardCharsets.US_ASCII);
        return mailbox.appendMessage(MessageManager.AppendCommand.builder().build(message), session);
    }
}
