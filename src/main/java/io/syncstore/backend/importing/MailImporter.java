package io.syncstore.backend.importing;

import java.io.IOException;
import java.util.List;
import java.util.OptionalLong;

import javax.inject.Inject;

import org.apache.james.core.Username;
import org.apache.james.mailbox.MailboxManager;
import org.apache.james.mailbox.MailboxSession;
import org.apache.james.mailbox.MessageManager;
import org.apache.james.mailbox.exception.MailboxException;
import org.apache.james.mailbox.model.MailboxPath;
import org.apache.james.mailbox.model.UidValidity;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import reactor.core.publisher.Mono;

/**
 * Imports folders of another server's store into a user's mailboxes, creating those that are missing. A mailbox
 * that never held a message takes the source's UIDVALIDITY, and its messages their source UIDs; otherwise they get
 * new UIDs. A message that cannot be stored is counted and the import goes on.
 */
public final class MailImporter {
    private static final Logger LOGGER = LoggerFactory.getLogger(MailImporter.class);

    private final MailboxManager mailboxManager;
    private final UidPlacement uidPlacement;

    @Inject
    public MailImporter(MailboxManager mailboxManager, UidPlacement uidPlacement) {
        this.mailboxManager = mailboxManager;
        this.uidPlacement = uidPlacement;
    }

    public void importFolders(Username user, List<FolderSource> folders, ImportProgress progress) throws IOException, MailboxException {
        MailboxSession session = mailboxManager.createSystemSession(user);
        try {
            progress.folders(folders.size());
            for (FolderSource folder : folders) {
                MailboxPath path = pathOf(user, folder.name(), session);
                progress.folderStarted(path.getName());
                FolderImport folderImport = new FolderImport(mailboxOf(path, session), session, progress, folder.location());
                folder.read(folderImport);
                folderImport.finish();
                progress.folderDone();
            }
        } finally {
            mailboxManager.endProcessingRequest(session);
        }
    }

    private static MailboxPath pathOf(Username user, List<String> name, MailboxSession session) {
        if (name.equals(List.of("INBOX"))) {
            return MailboxPath.inbox(user);
        }
        return MailboxPath.forUser(user, String.join(String.valueOf(session.getPathDelimiter()), name));
    }

    private MessageManager mailboxOf(MailboxPath path, MailboxSession session) throws MailboxException {
        if (!Mono.from(mailboxManager.mailboxExists(path, session)).block()) {
            mailboxManager.createMailbox(path, session);
        }
        return mailboxManager.getMailbox(path, session);
    }

    private final class FolderImport implements FolderSource.Reader {
        private final MessageManager mailbox;
        private final MailboxSession session;
        private final ImportProgress progress;
        private final String location;
        private boolean keepsUids;
        private long uidNext;

        FolderImport(MessageManager mailbox, MailboxSession session, ImportProgress progress, String location) {
            this.mailbox = mailbox;
            this.session = session;
            this.progress = progress;
            this.location = location;
        }

        @Override
        public void uids(long uidValidity, long uidNext) throws MailboxException {
            keepsUids = UidValidity.isValid(uidValidity) && uidPlacement.adoptUidValidity(mailbox.getId(), uidValidity);
            this.uidNext = uidNext;
        }

        /** New mail gets UIDs above any the source gave, also those of messages expunged there. */
        void finish() throws MailboxException {
            if (keepsUids && uidNext > 1) {
                uidPlacement.nextUidAtLeast(mailbox.getId(), uidNext);
            }
        }

        @Override
        public void message(ImportedMessage message) throws MailboxException {
            OptionalLong wanted = keepsUids ? message.uid() : OptionalLong.empty();
            try {
                if (wanted.isPresent()) {
                    uidPlacement.nextUidAtLeast(mailbox.getId(), wanted.getAsLong());
                }
                MessageManager.AppendResult result = mailbox.appendMessage(MessageManager.AppendCommand.builder()
                    .withFlags(message.flags())
                    .withInternalDate(message.internalDate())
                    .notRecent()
                    .build(message.content()), session);
                progress.imported(wanted.isPresent() && result.getId().getUid().asLong() == wanted.getAsLong());
            } catch (MailboxException | RuntimeException e) {
                LOGGER.warn("A message of {} could not be imported", location, e);
                progress.failed(location + ": " + e.getMessage());
            }
        }
    }
}
