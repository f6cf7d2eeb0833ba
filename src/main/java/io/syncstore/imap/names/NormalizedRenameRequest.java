package io.syncstore.imap.names;

import java.util.Optional;

import org.apache.james.imap.api.Tag;
import org.apache.james.imap.message.request.RenameRequest;

/** A RENAME with its new name as the client wrote it, when that is not the form stored ({@link NormalizedNames}). */
public class NormalizedRenameRequest extends RenameRequest {
    private final Optional<String> newNameAsWritten;

    public NormalizedRenameRequest(String existingName, String newName, Optional<String> newNameAsWritten, Tag tag) {
        super(existingName, newName, tag);
        this.newNameAsWritten = newNameAsWritten;
    }

    Optional<String> newNameAsWritten() {
        return newNameAsWritten;
    }
}
