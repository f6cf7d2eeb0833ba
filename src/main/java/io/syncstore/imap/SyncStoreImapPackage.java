package io.syncstore.imap;

import javax.inject.Inject;

import org.apache.james.modules.protocols.ImapPackage;
import org.apache.james.utils.ClassName;

import com.google.common.collect.ImmutableList;

/**
 * SyncStore's IMAP package: every default James command, SyncStore's fixes and NOTIFY (RFC 5465). List it
 * <b>alone</b> at the root of {@code <imapservers>} in imapserver.xml, with {@link SyncStoreImapModule} in
 * extensions.properties: it already contains every default command, dispatched by {@link ImapProcessorChain}.
 */
public class SyncStoreImapPackage extends ImapPackage.Impl {
    @Inject
    public SyncStoreImapPackage() {
        super(ImmutableList.of(new ClassName(ImapProcessorChain.class.getName())),
            ImapCommandSet.decoders(),
            ImapCommandSet.encoders());
    }
}
