package io.syncstore.imap.specialuse;

import java.util.List;
import java.util.Optional;

import org.apache.james.imap.api.Tag;
import org.apache.james.imap.message.request.CreateRequest;

/**
 * {@code CREATE name (USE (attributes))} (RFC 6154 §3), or a CREATE whose name a UTF-8 connection wrote in another
 * form than the one stored (its name as written: {@link io.syncstore.imap.names.NormalizedNames}).
 */
public class SpecialUseCreateRequest extends CreateRequest {
    private final List<String> uses;
    private final Optional<String> nameAsWritten;

    public SpecialUseCreateRequest(String mailboxName, Tag tag, List<String> uses, Optional<String> nameAsWritten) {
        super(mailboxName, tag);
        this.uses = List.copyOf(uses);
        this.nameAsWritten = nameAsWritten;
    }

    public Optional<String> getNameAsWritten() {
        return nameAsWritten;
    }

    public List<String> getUses() {
        return uses;
    }
}
