package io.syncstore.imap.notify;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

import javax.inject.Inject;

import org.apache.james.imap.api.ImapConfiguration;
import org.apache.james.imap.api.ImapMessage;
import org.apache.james.imap.api.ImapSessionState;
import org.apache.james.imap.api.display.HumanReadableText;
import org.apache.james.imap.api.message.response.StatusResponseFactory;
import org.apache.james.imap.api.process.ImapProcessor;
import org.apache.james.imap.api.process.ImapSession;
import org.apache.james.imap.message.request.FetchRequest;
import org.apache.james.imap.message.request.IdleRequest;
import org.apache.james.imap.message.request.LogoutRequest;
import org.apache.james.imap.message.response.ContinuationResponse;
import org.apache.james.imap.processor.CapabilityImplementingProcessor;
import org.apache.james.imap.processor.CapabilityProcessor;
import org.apache.james.imap.processor.EnableProcessor;
import org.apache.james.imap.processor.PermitEnableCapabilityProcessor;
import org.apache.james.imap.processor.base.AbstractProcessor;
import org.apache.james.imap.processor.base.UnknownRequestProcessor;
import org.apache.james.modules.protocols.ImapPackage;
import org.apache.james.util.MDCBuilder;
import org.apache.james.utils.ClassName;
import org.apache.james.utils.GuiceGenericLoader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.google.common.collect.ImmutableList;

import reactor.core.publisher.Mono;

/**
 * The one processor of {@link NotifyImapPackage}: James's default processors plus {@link NotifyProcessor}, each
 * command run through the {@link io.syncstore.imap.SessionGate} of its connection so that notifications are written
 * only between commands. IDLE is James's own unless NOTIFY is active (RFC 5465 §4).
 */
public class NotifyProcessorChain extends AbstractProcessor<ImapMessage> {
    private static final Logger LOGGER = LoggerFactory.getLogger(NotifyProcessorChain.class);
    private static final String DONE = "DONE";

    private final Map<Class<?>, ImapProcessor> processors;
    private final List<AbstractProcessor<?>> distinct;
    private final ImapProcessor unknown;
    private final NotifyRegistry registry;
    private final StatusResponseFactory factory;
    private volatile ImapConfiguration configured;
    private volatile boolean enableIdle = true;
    private volatile Duration heartbeat = Duration.ofMinutes(2);

    @Inject
    public NotifyProcessorChain(GuiceGenericLoader loader, NotifyRegistry registry, StatusResponseFactory factory) throws ClassNotFoundException {
        super(ImapMessage.class);
        this.registry = registry;
        this.factory = factory;
        this.unknown = new UnknownRequestProcessor(factory);

        List<AbstractProcessor<?>> all = new ArrayList<>();
        for (ClassName className : ImapPackage.DEFAULT.processors()) {
            all.add(loader.instantiate(className));
        }
        NotifyProcessor notifyProcessor = loader.instantiate(new ClassName(NotifyProcessor.class.getName()));
        all.add(notifyProcessor);
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
        notifyProcessor.setFetchProcessor(map.get(FetchRequest.class));

        // IMAPServerModule only wires capabilities of the processors it sees, and it sees only this chain
        all.stream().filter(CapabilityProcessor.class::isInstance).map(CapabilityProcessor.class::cast).findFirst()
            .ifPresent(capabilities -> all.stream()
                .filter(CapabilityImplementingProcessor.class::isInstance)
                .map(CapabilityImplementingProcessor.class::cast)
                .forEach(capabilities::addProcessor));
        all.stream().filter(EnableProcessor.class::isInstance).map(EnableProcessor.class::cast).findFirst()
            .ifPresent(enable -> all.stream()
                .filter(PermitEnableCapabilityProcessor.class::isInstance)
                .map(PermitEnableCapabilityProcessor.class::cast)
                .forEach(enable::addProcessor));
    }

    @Override
    @SuppressWarnings({"unchecked", "rawtypes"})
    public List<Class<? extends ImapMessage>> acceptableClasses() {
        return (List) ImmutableList.copyOf(processors.keySet());
    }

    @Override
    public void configure(ImapConfiguration imapConfiguration) {
        // DefaultProcessor configures us once per request class
        if (configured == imapConfiguration) {
            return;
        }
        configured = imapConfiguration;
        enableIdle = imapConfiguration.isEnableIdle();
        heartbeat = imapConfiguration.idleTimeIntervalAsDuration();
        distinct.forEach(processor -> processor.configure(imapConfiguration));
    }

    @Override
    protected Mono<Void> doProcess(ImapMessage message, Responder responder, ImapSession session) {
        NotifySession notifySession = registry.sessionOf(session);
        ImapProcessor target = processors.getOrDefault(message.getClass(), unknown);
        return notifySession.gate().run(() -> {
            Mono<Void> command;
            if (message instanceof IdleRequest && notifySession.isActive()) {
                command = idle((IdleRequest) message, responder, session, notifySession);
            } else {
                command = target.processReactive(message, responder, session);
            }
            // the barrier puts the command's output on the channel before the command completes: on completion of a
            // LOGOUT, James closes the channel from the event loop, which would overtake writes made from other threads
            return command
                .then(Mono.fromRunnable(responder::flush))
                .then(notifySession.eventLoopBarrier())
                .then(Mono.fromRunnable(() -> afterCommand(message, session, notifySession)));
        });
    }

    private void afterCommand(ImapMessage message, ImapSession session, NotifySession notifySession) {
        if (message instanceof LogoutRequest || session.getState() == ImapSessionState.LOGOUT) {
            registry.forget(notifySession);
            return;
        }
        notifySession.afterCommand();
    }

    /** RFC 5465 §4: with NOTIFY, IDLE only keeps the connection open; notifications flow as NOTIFY says. */
    private Mono<Void> idle(IdleRequest request, Responder responder, ImapSession session, NotifySession notifySession) {
        return Mono.fromRunnable(() -> {
            AtomicBoolean idleActive = new AtomicBoolean(true);
            session.pushLineHandler((lineSession, data) -> {
                String line = data.length > 2 ? new String(data, 0, data.length - 2, StandardCharsets.US_ASCII) : "";
                lineSession.popLineHandler();
                idleActive.set(false);
                notifySession.setIdling(false);
                notifySession.gate().run(() -> Mono.fromRunnable(() -> {
                    ChannelResponder out = notifySession.responder();
                    if (DONE.equals(line.toUpperCase(Locale.US))) {
                        out.respond(factory.taggedOk(request.getTag(), request.getCommand(), HumanReadableText.COMPLETED));
                    } else {
                        out.respond(factory.taggedBad(request.getTag(), request.getCommand(),
                            new HumanReadableText("org.apache.james.imap.INVALID_CONTINUATION", "failed. Expected 'DONE'.")));
                    }
                    out.flush();
                }).then(notifySession.eventLoopBarrier()))
                    .subscribe(any -> { }, e -> LOGGER.warn("Failed to end IDLE", e));
                notifySession.afterCommand();
            });
            responder.respond(new ContinuationResponse(HumanReadableText.IDLING));
            responder.flush();
            notifySession.setIdling(true);
            if (enableIdle) {
                scheduleHeartbeat(session, notifySession, idleActive);
            }
        }).then(Mono.fromRunnable(notifySession::requestDrain));
    }

    private void scheduleHeartbeat(ImapSession session, NotifySession notifySession, AtomicBoolean idleActive) {
        session.schedule(() -> {
            if (idleActive.get() && session.getState() != ImapSessionState.LOGOUT) {
                notifySession.gate().run(() -> Mono.fromRunnable(() -> {
                    if (idleActive.get()) {
                        ChannelResponder out = notifySession.responder();
                        out.respond(factory.untaggedOk(HumanReadableText.HEARTBEAT));
                        out.flush();
                    }
                }).then(notifySession.eventLoopBarrier())).subscribe(any -> { }, e -> LOGGER.debug("heartbeat failed", e));
                scheduleHeartbeat(session, notifySession, idleActive);
            }
        }, heartbeat);
    }

    @Override
    protected MDCBuilder mdc(ImapMessage message) {
        return MDCBuilder.create();
    }
}
