package io.syncstore.backend.importing;

import java.util.Date;
import java.util.Optional;
import java.util.OptionalLong;

import javax.mail.Flags;

/** One message read from another server's store: its bytes (lines ending in CRLF), flags, date and UID there. */
public final class ImportedMessage {
    private final byte[] content;
    private final Flags flags;
    private final Optional<Date> internalDate;
    private final OptionalLong uid;

    public ImportedMessage(byte[] content, Flags flags, Optional<Date> internalDate, OptionalLong uid) {
        this.content = content;
        this.flags = flags;
        this.internalDate = internalDate;
        this.uid = uid;
    }

    public byte[] content() {
        return content;
    }

    public Flags flags() {
        return flags;
    }

    public Optional<Date> internalDate() {
        return internalDate;
    }

    /** The UID the message had in its folder, when the source kept one. */
    public OptionalLong uid() {
        return uid;
    }
}
