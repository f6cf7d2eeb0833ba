package io.syncstore.it.server;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Store;

import org.eclipse.angus.mail.imap.IMAPFolder;

/** What an IMAP client sees of mailboxes: UIDVALIDITY, then each message's UID, subject and flags. */
final class Mailboxes {
    private Mailboxes() {
    }

    static List<String> describe(Store imap, String... names) throws MessagingException {
        List<String> description = new ArrayList<>();
        for (String name : names) {
            IMAPFolder folder = (IMAPFolder) imap.getFolder(name);
            folder.open(Folder.READ_ONLY);
            description.add(name + " UIDVALIDITY " + folder.getUIDValidity());
            for (Message message : folder.getMessages()) {
                description.add(name + " " + folder.getUID(message) + " " + message.getSubject() + " " + flagsOf(message));
            }
            folder.close(false);
        }
        return description;
    }

    static List<String> subjects(Folder folder) throws MessagingException {
        List<String> subjects = new ArrayList<>();
        for (Message message : present(folder)) {
            subjects.add(message.getSubject());
        }
        return subjects;
    }

    static Message withSubject(Folder folder, String subject) throws MessagingException {
        for (Message message : present(folder)) {
            if (subject.equals(message.getSubject())) {
                return message;
            }
        }
        throw new AssertionError("No message '" + subject + "' in " + folder.getFullName() + ": " + subjects(folder));
    }

    /** The folder's messages, without those this session saw expunged or moved away. */
    static List<Message> present(Folder folder) throws MessagingException {
        List<Message> messages = new ArrayList<>();
        for (Message message : folder.getMessages()) {
            if (!message.isExpunged()) {
                messages.add(message);
            }
        }
        return messages;
    }

    /** Message count from STATUS, which sees mail delivered since the folder was last opened. */
    static int count(Store imap, String name) throws MessagingException {
        return imap.getFolder(name).getMessageCount();
    }

    /** System flags except \Recent, which belongs to a session, plus user flags; sorted. */
    private static String flagsOf(Message message) throws MessagingException {
        Flags flags = message.getFlags();
        flags.remove(Flags.Flag.RECENT);
        List<String> names = Arrays.stream(flags.getSystemFlags())
            .map(Mailboxes::nameOf)
            .collect(Collectors.toCollection(ArrayList::new));
        names.addAll(Arrays.asList(flags.getUserFlags()));
        names.sort(String::compareTo);
        return names.toString();
    }

    private static String nameOf(Flags.Flag flag) {
        if (flag == Flags.Flag.ANSWERED) {
            return "\\Answered";
        }
        if (flag == Flags.Flag.DELETED) {
            return "\\Deleted";
        }
        if (flag == Flags.Flag.DRAFT) {
            return "\\Draft";
        }
        if (flag == Flags.Flag.FLAGGED) {
            return "\\Flagged";
        }
        if (flag == Flags.Flag.SEEN) {
            return "\\Seen";
        }
        return flag.toString();
    }
}
