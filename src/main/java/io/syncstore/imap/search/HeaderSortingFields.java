package io.syncstore.imap.search;

import java.util.HashMap;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import org.apache.james.mailbox.exception.MailboxException;
import org.apache.james.mailbox.model.Header;
import org.apache.james.mailbox.model.MessageResult;

import io.syncstore.api.SortingFields;
import io.syncstore.mime.SortingHeaders;

/** The {@link SortingFields} of a message read with its headers, on a backend that does not keep them. */
final class HeaderSortingFields {
    private HeaderSortingFields() {
    }

    static SortingFields of(MessageResult message) throws MailboxException {
        Map<String, String> firstValues = new HashMap<>();
        Iterator<Header> headers = message.getHeaders().headers();
        while (headers.hasNext()) {
            Header header = headers.next();
            firstValues.putIfAbsent(lowerCase(header.getName().trim()), header.getValue());
        }
        SortingHeaders sorting = SortingHeaders.of(name -> Optional.ofNullable(firstValues.get(lowerCase(name))));
        return new SortingFields(message.getModSeq(), message.getInternalDate().toInstant(), message.getSize(),
            sorting.sentDate().orElse(message.getInternalDate().toInstant()), sorting.baseSubject(),
            sorting.replyOrForward(), sorting.messageId(), sorting.references(),
            new SortingFields.Addresses(sorting.fromMailbox(), sorting.toMailbox(), sorting.ccMailbox(),
                sorting.fromDisplay(), sorting.toDisplay()));
    }

    private static String lowerCase(String name) {
        return name.toLowerCase(Locale.ROOT);
    }
}
