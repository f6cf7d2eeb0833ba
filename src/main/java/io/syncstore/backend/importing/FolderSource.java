package io.syncstore.backend.importing;

import java.io.IOException;
import java.util.List;

import org.apache.james.mailbox.exception.MailboxException;

/** A folder of the store being imported. */
public interface FolderSource {
    /** What reading a folder finds, in this order: its UID state if the source keeps one, then its messages. */
    interface Reader {
        /** The folder's UIDVALIDITY and the UID its next message would have had. */
        void uids(long uidValidity, long uidNext) throws MailboxException;

        void message(ImportedMessage message) throws MailboxException;
    }

    /** The folder's name, one element per level of the hierarchy; {@code [INBOX]} for the inbox. */
    List<String> name();

    /** Where the folder is read from, for messages to the administrator. */
    String location();

    /** Reads the folder; messages that kept UIDs come in ascending UID order, before those that did not. */
    void read(Reader reader) throws IOException, MailboxException;
}
