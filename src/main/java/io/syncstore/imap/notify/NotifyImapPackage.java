package io.syncstore.imap.notify;

import javax.inject.Inject;

import org.apache.james.imap.api.ImapCommand;
import org.apache.james.modules.protocols.ImapPackage;
import org.apache.james.utils.ClassName;

import com.google.common.collect.ImmutableList;

/**
 * James's default IMAP package plus NOTIFY (RFC 5465). List it <b>alone</b> at the root of {@code <imapservers>} in
 * imapserver.xml: it already contains every default command, wrapped by {@link NotifyProcessorChain}.
 */
public class NotifyImapPackage extends ImapPackage.Impl {
    public static final ImapCommand NOTIFY_COMMAND = ImapCommand.authenticatedStateCommand("NOTIFY");

    @Inject
    public NotifyImapPackage() {
        super(ImmutableList.of(new ClassName(NotifyProcessorChain.class.getName())),
            ImmutableList.<ClassName>builder()
                .addAll(ImapPackage.DEFAULT.decoders())
                .add(new ClassName(NotifyCommandParser.class.getName()))
                .build(),
            ImmutableList.<ClassName>builder()
                .addAll(ImapPackage.DEFAULT.encoders())
                .add(new ClassName(NotifyListResponseEncoder.class.getName()))
                .add(new ClassName(NotifyStatusResponseEncoder.class.getName()))
                .build());
    }
}
