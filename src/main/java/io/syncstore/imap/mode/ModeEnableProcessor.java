package io.syncstore.imap.mode;

import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import javax.inject.Inject;

import org.apache.james.imap.api.ImapMessage;
import org.apache.james.imap.api.message.Capability;
import org.apache.james.imap.api.message.response.StatusResponseFactory;
import org.apache.james.imap.api.process.ImapSession;
import org.apache.james.imap.processor.CapabilityProcessor;
import org.apache.james.imap.processor.EnableProcessor;
import org.apache.james.imap.processor.PermitEnableCapabilityProcessor;
import org.apache.james.mailbox.MailboxManager;
import org.apache.james.metrics.api.MetricFactory;

import com.google.common.collect.ImmutableList;

import reactor.core.publisher.Mono;

/**
 * James's ENABLE, which also enables the {@link ConnectionMode}s. Enabling one needs nothing more than James's record
 * of it, which the code that speaks differently reads.
 */
public class ModeEnableProcessor extends EnableProcessor implements PermitEnableCapabilityProcessor {
    @Inject
    public ModeEnableProcessor(MailboxManager mailboxManager, StatusResponseFactory factory,
                               MetricFactory metricFactory, CapabilityProcessor capabilityProcessor) {
        super(mailboxManager, factory, metricFactory, capabilityProcessor);
    }

    @Override
    public List<Capability> getImplementedCapabilities(ImapSession session) {
        return ImmutableList.<Capability>builder().addAll(super.getImplementedCapabilities(session))
            .addAll(getPermitEnableCapabilities(session)).build();
    }

    @Override
    public List<Capability> getPermitEnableCapabilities(ImapSession session) {
        if (!ConnectionMode.offered(session)) {
            return ImmutableList.of();
        }
        return Stream.of(ConnectionMode.values()).map(ConnectionMode::capability).collect(Collectors.toList());
    }

    @Override
    public Mono<Void> enable(ImapMessage message, Responder responder, ImapSession session, Capability capability) {
        return Mono.empty();
    }
}
