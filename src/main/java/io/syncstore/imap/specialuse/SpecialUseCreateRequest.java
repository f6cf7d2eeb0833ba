package io.syncstore.imap.specialuse;

import java.util.List;

import org.apache.james.imap.api.Tag;
import org.apache.james.imap.message.request.CreateRequest;

/** {@code CREATE name (USE (attributes))} (RFC 6154 §3). */
public class SpecialUseCreateRequest extends CreateRequest {
    private final List<String> uses;

    public SpecialUseCreateRequest(String mailboxName, Tag tag, List<String> uses) {
        super(mailboxName, tag);
        this.uses = List.copyOf(uses);
    }

    public List<String> getUses() {
        return uses;
    }
}
