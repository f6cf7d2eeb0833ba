package io.syncstore.imap.notify;

import java.util.List;
import java.util.Optional;

import org.apache.james.imap.api.message.response.ImapResponseMessage;

import com.google.common.collect.ImmutableList;

/**
 * An unsolicited {@code LIST} for RFC 5465 MailboxName and SubscriptionChange events, with the
 * {@code ("OLDNAME" (old))} extended data item of RFC 5258/5465 that James's own ListResponse cannot carry.
 */
public class NotifyListResponse implements ImapResponseMessage {
    public static final String NON_EXISTENT = "\\NonExistent";
    public static final String SUBSCRIBED = "\\Subscribed";
    public static final String NO_ACCESS = "\\NoAccess";

    private final List<String> attributes;
    private final char delimiter;
    private final String name;
    private final Optional<String> oldName;

    public NotifyListResponse(List<String> attributes, char delimiter, String name, Optional<String> oldName) {
        this.attributes = ImmutableList.copyOf(attributes);
        this.delimiter = delimiter;
        this.name = name;
        this.oldName = oldName;
    }

    public List<String> getAttributes() {
        return attributes;
    }

    public char getDelimiter() {
        return delimiter;
    }

    public String getName() {
        return name;
    }

    public Optional<String> getOldName() {
        return oldName;
    }

    @Override
    public String toString() {
        return "LIST " + attributes + " " + name + oldName.map(o -> " OLDNAME " + o).orElse("");
    }
}
