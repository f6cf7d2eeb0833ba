package io.syncstore.imap.notify;

import java.util.Optional;

import org.apache.james.imap.api.Tag;
import org.apache.james.imap.api.message.response.ImapResponseMessage;

/**
 * A status response with a response code James's {@code StatusResponse.ResponseCode} cannot build
 * ({@code NOTIFICATIONOVERFLOW}, {@code BADEVENT (...)}: its constructors are private and its extension factory
 * prefixes an X).
 */
public class NotifyStatusResponse implements ImapResponseMessage {
    private final Optional<Tag> tag;
    private final String type;
    private final String code;
    private final String text;

    private NotifyStatusResponse(Optional<Tag> tag, String type, String code, String text) {
        this.tag = tag;
        this.type = type;
        this.code = code;
        this.text = text;
    }

    public static NotifyStatusResponse untaggedOk(String code, String text) {
        return new NotifyStatusResponse(Optional.empty(), "OK", code, text);
    }

    public static NotifyStatusResponse taggedNo(Tag tag, String code, String text) {
        return new NotifyStatusResponse(Optional.of(tag), "NO", code, text);
    }

    public Optional<Tag> getTag() {
        return tag;
    }

    public String getType() {
        return type;
    }

    public String getCode() {
        return code;
    }

    public String getText() {
        return text;
    }

    @Override
    public String toString() {
        return tag.map(Tag::asString).orElse("*") + " " + type + " [" + code + "] " + text;
    }
}
