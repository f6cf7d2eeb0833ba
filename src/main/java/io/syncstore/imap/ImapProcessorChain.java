package io.syncstore.imap;

import java.nio.charset.CharacterCodingException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import javax.inject.Inject;

import org.apache.james.imap.api.ImapCommand;
import org.apache.james.imap.api.ImapConfiguration;
import org.apache.james.imap.api.ImapMessage;
import org.apache.james.imap.api.ImapSessionState;
import org.apache.james.imap.api.Tag;
import org.apache.james.imap.api.display.HumanReadableText;
import org.apache.james.imap.api.message.Capability;
import org.apache.james.imap.api.message.request.ImapRequest;
import org.apache.james.imap.api.message.response.StatusResponse;
import org.apache.james.imap.api.message.response.StatusResponseFactory;
import org.apache.james.imap.api.process.ImapProcessor;
import org.apache.james.imap.api.process.ImapSession;
import org.apache.james.imap.message.request.FetchRequest;
import org.apache.james.imap.message.request.AbstractMailboxSelectionRequest;
import org.apache.james.imap.message.request.CloseRequest;
import org.apache.james.imap.message.request.IdleRequest;
import org.apache.james.imap.message.request.ListRequest;
import org.apache.james.imap.message.request.LogoutRequest;
import org.apache.james.imap.message.request.UnselectRequest;
import org.apache.james.imap.processor.CapabilityImplementingProcessor;
import org.apache.james.imap.processor.CapabilityProcessor;
import org.apache.james.imap.processor.EnableProcessor;
import org.apache.james.imap.processor.PermitEnableCapabilityProcessor;
import org.apache.james.imap.processor.base.AbstractProcessor;
import org.apache.james.imap.processor.base.UnknownRequestProcessor;
import org.apache.james.mailbox.MailboxManager;
import org.apache.james.util.MDCBuilder;
import org.apache.james.utils.ClassName;
import org.apache.james.utils.GuiceGenericLoader;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.google.common.base.Throwables;
import com.google.common.collect.ImmutableList;

import io.syncstore.imap.channel.DeferredCommand;
import io.syncstore.imap.channel.Framing;
import io.syncstore.imap.channel.EventLoopResponder;
import io.syncstore.imap.condstore.CondstoreConfiguration;
import io.syncstore.imap.list.MultiPatternListProcessor;
import io.syncstore.imap.names.CommandDecoding;
import io.syncstore.imap.names.NormalizedNames;
import io.syncstore.imap.names.StoredNames;
import io.syncstore.imap.notify.NotifyProcessor;
import io.syncstore.imap.notify.NotifyRegistry;
import io.syncstore.imap.notify.NotifySession;
import io.syncstore.imap.selected.CommandTelling;
import io.syncstore.imap.selected.Idle;
import io.syncstore.imap.selected.SelectedStates;
import io.syncstore.imap.selected.Telling;
import io.syncstore.imap.selected.ViewResponder;
import io.syncstore.imap.mode.Imap4Rev2;
import io.syncstore.imap.mode.ModalResponse;

import reactor.core.publisher.Mono;

/**
 * The one processor of {@link SyncStoreImapPackage}: the processors of {@link ImapCommandSet}, each command run
 * through the {@link io.syncstore.imap.channel.SessionGate} of its connection so that notifications are written only
 * between commands, and every response through a {@link ViewResponder}, so that the connection's selected state
 * tells its pending changes where the command allows, and an {@link EventLoopResponder}, so that responses reach the
 * channel in the order given whatever thread gives them. IDLE is SyncStore's ({@link Idle}).
 */
public class ImapProcessorChain extends AbstractProcessor<ImapMessage> implements CapabilityImplementingProcessor {
    private static final Logger LOGGER = LoggerFactory.getLogger(ImapProcessorChain.class);
    /** The answer to a mailbox name or LIST pattern that is not modified UTF-7, whether decoding or processing finds it. */
    public static final HumanReadableText INVALID_MAILBOX_NAME = new HumanReadableText(
        "io.syncstore.imap.INVALID_MUTF7", "Mailbox name or pattern is not valid modified UTF-7");

    private static final List<Capability> LITERAL_MINUS = ImmutableList.of(Capability.of("LITERAL-"));

    private final Map<Class<?>, ImapProcessor> processors;
    private final List<AbstractProcessor<?>> distinct;
    private final ImapProcessor unknown;
    private final StatusResponseFactory factory;
    private final NotifyRegistry registry;
    private final Idle idle;
    private final OutOfReachAnswers outOfReach;
    private final CommandDecoding decoding;
    private volatile ImapConfiguration configured;

    @Inject
    public ImapProcessorChain(GuiceGenericLoader loader, NotifyRegistry registry, Idle idle,
                              StatusResponseFactory factory, MailboxManager mailboxManager) throws ClassNotFoundException {
        super(ImapMessage.class);
        this.outOfReach = OutOfReachAnswers.of(mailboxManager);
        this.decoding = new CommandDecoding(new StoredNames(mailboxManager));
        this.registry = registry;
        this.idle = idle;
        this.unknown = new UnknownRequestProcessor(factory);
        this.factory = factory;

        List<AbstractProcessor<?>> all = new ArrayList<>();
        for (ClassName className : ImapCommandSet.processors()) {
            all.add(loader.instantiate(className));
        }
        this.distinct = ImmutableList.copyOf(all);

        Map<Class<?>, ImapProcessor> map = new LinkedHashMap<>();
        for (AbstractProcessor<?> processor : all) {
            for (Class<?> clazz : processor.acceptableClasses()) {
                if (map.put(clazz, processor) != null) {
                    throw new IllegalStateException("Two IMAP processors for " + clazz.getName());
                }
            }
        }
        this.processors = map;
        all.stream().filter(NotifyProcessor.class::isInstance).map(NotifyProcessor.class::cast)
            .forEach(notify -> notify.setFetchProcessor(map.get(FetchRequest.class)));
        all.stream().filter(MultiPatternListProcessor.class::isInstance).map(MultiPatternListProcessor.class::cast)
            .forEach(multi -> multi.setListProcessor(map.get(ListRequest.class)));

        // IMAPServerModule only wires capabilities of the processors it sees, and it sees only this chain
        all.stream().filter(CapabilityProcessor.class::isInstance).map(CapabilityProcessor.class::cast).findFirst()
            .ifPresent(capabilities -> Stream.concat(all.stream(), Stream.of(this))
                .filter(CapabilityImplementingProcessor.class::isInstance)
                .map(CapabilityImplementingProcessor.class::cast)
                .forEach(capabilities::addProcessor));
        all.stream().filter(EnableProcessor.class::isInstance).map(EnableProcessor.class::cast).findFirst()
            .ifPresent(enable -> all.stream()
                .filter(PermitEnableCapabilityProcessor.class::isInstance)
                .map(PermitEnableCapabilityProcessor.class::cast)
                .forEach(enable::addProcessor));
    }

    /** LITERAL- (RFC 7888) where SyncStore's framer limits non-synchronizing literals (James lists LITERAL+ itself). */
    @Override
    public List<Capability> getImplementedCapabilities(ImapSession session) {
        return Framing.literalMinus(session) ? LITERAL_MINUS : ImmutableList.of();
    }

    @Override
    @SuppressWarnings({"unchecked", "rawtypes"})
    public List<Class<? extends ImapMessage>> acceptableClasses() {
        return (List) ImmutableList.builder().addAll(processors.keySet()).add(DeferredCommand.class).build();
    }

    @Override
    public void configure(ImapConfiguration imapConfiguration) {
        // DefaultProcessor configures us once per request class
        if (configured == imapConfiguration) {
            return;
        }
        configured = imapConfiguration;
        ImapConfiguration withCondstore = CondstoreConfiguration.withCondstore(imapConfiguration);
        idle.configure(withCondstore);
        distinct.forEach(processor -> processor.configure(withCondstore));
    }

    @Override
    protected Mono<Void> doProcess(ImapMessage received, Responder jamesResponder, ImapSession session) {
        Responder answering = received instanceof DeferredCommand ? ((DeferredCommand) received).finishingOn(jamesResponder) : jamesResponder;
        Responder responder = EventLoopResponder.of(ModalResponse.responder(answering, session), session);
        NotifySession notifySession = registry.sessionOf(session);
        return notifySession.gate().run(() -> decoding.decoded(received, session, notifySession.eventLoopBarrier()).flatMap(message -> {
            Telling telling = notifySession.narrow(CommandTelling.of(message));
            Responder view = ViewResponder.forCommand(
                NormalizedNames.tellingOpenedOrDeleted(message, outOfReach.answering(responder), session), session, telling);
            if (keepsSelection(message)) {
                // new messages first: a command then never meets a UID whose sequence number the client was not told
                SelectedStates.of(session).ifPresent(state -> state.tell(view, telling.withoutExpunges()));
            }
            Mono<Void> command;
            Optional<HumanReadableText> refusal = Imap4Rev2.refusal(message, session);
            if (refusal.isPresent()) {
                ImapRequest request = (ImapRequest) message;
                command = Mono.fromRunnable(() -> view.respond(factory.taggedBad(request.getTag(), request.getCommand(), refusal.get())));
            } else if (message instanceof IdleRequest) {
                command = idle.idle((IdleRequest) message, view, session, notifySession);
            } else {
                ImapProcessor target = processors.getOrDefault(message.getClass(), unknown);
                command = Mono.defer(() -> target.processReactive(message, view, session))
                    .onErrorResume(failure -> Mono.fromRunnable(() -> view.respond(failed(message, failure))));
            }
            // the barrier puts the command's output on the channel before the command completes: on completion of a
            // LOGOUT, James closes the channel from the event loop, which would overtake writes made from other threads
            return command
                .then(Mono.fromRunnable(responder::flush))
                .then(notifySession.eventLoopBarrier())
                .then(Mono.fromRunnable(() -> afterCommand(message, session, notifySession)));
        }));
    }

    private static boolean keepsSelection(ImapMessage message) {
        return !(message instanceof AbstractMailboxSelectionRequest || message instanceof CloseRequest
            || message instanceof UnselectRequest || message instanceof LogoutRequest);
    }

    /** A command that failed instead of answering: NO with its tag, and the connection goes on. */
    private StatusResponse failed(ImapMessage message, Throwable failure) {
        Tag tag = message instanceof ImapRequest ? ((ImapRequest) message).getTag() : null;
        ImapCommand command = message instanceof ImapRequest ? ((ImapRequest) message).getCommand() : null;
        if (Throwables.getCausalChain(failure).stream().anyMatch(CharacterCodingException.class::isInstance)) {
            return factory.taggedNo(tag, command, INVALID_MAILBOX_NAME);
        }
        LOGGER.error("IMAP command {} failed", command, failure);
        return factory.taggedNo(tag, command, HumanReadableText.GENERIC_FAILURE_DURING_PROCESSING);
    }

    private void afterCommand(ImapMessage message, ImapSession session, NotifySession notifySession) {
        if (message instanceof LogoutRequest || session.getState() == ImapSessionState.LOGOUT) {
            registry.forget(notifySession);
            return;
        }
        notifySession.afterCommand();
    }

    @Override
    protected MDCBuilder mdc(ImapMessage message) {
        return MDCBuilder.create();
    }
}
