package io.syncstore.imap.selected;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicBoolean;

import javax.inject.Inject;

import org.apache.james.imap.api.ImapConfiguration;
import org.apache.james.imap.api.ImapSessionState;
import org.apache.james.imap.api.display.HumanReadableText;
import org.apache.james.imap.api.message.response.StatusResponseFactory;
import org.apache.james.imap.api.process.ImapProcessor.Responder;
import org.apache.james.imap.api.process.ImapSession;
import org.apache.james.imap.message.request.IdleRequest;
import org.apache.james.imap.message.response.ContinuationResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.syncstore.imap.notify.NotifySession;
import reactor.core.publisher.Mono;

/**
 * IDLE (RFC 2177): while idling, every change to the selected mailbox is told at once, through the connection's
 * delivery path (its {@link NotifySession}: one gate, writes on the event loop), which NOTIFY uses too (RFC 5465 §4:
 * with NOTIFY active, IDLE keeps the channel open and notifications flow as NOTIFY says).
 */
public class Idle {
    private static final Logger LOGGER = LoggerFactory.getLogger(Idle.class);
    private static final String DONE = "DONE";

    private final StatusResponseFactory factory;
    private volatile boolean heartbeatEnabled = true;
    private volatile Duration heartbeat = Duration.ofMinutes(2);

    @Inject
    public Idle(StatusResponseFactory factory) {
        this.factory = factory;
    }

    public void configure(ImapConfiguration configuration) {
        heartbeatEnabled = configuration.isEnableIdle();
        heartbeat = configuration.idleTimeIntervalAsDuration();
    }

    public Mono<Void> idle(IdleRequest request, Responder responder, ImapSession session, NotifySession delivery) {
        return Mono.fromRunnable(() -> {
            // made here, off the event loop, as NOTIFY SET does: made inside a drain, a first notification came late
            delivery.responder();
            AtomicBoolean idleActive = new AtomicBoolean(true);
            session.pushLineHandler((lineSession, data) -> {
                String line = data.length > 2 ? new String(data, 0, data.length - 2, StandardCharsets.US_ASCII) : "";
                lineSession.popLineHandler();
                idleActive.set(false);
                delivery.setIdling(false);
                delivery.gate().run(() -> Mono.fromRunnable(() -> {
                    Responder out = delivery.responder();
                    if (DONE.equals(line.toUpperCase(Locale.US))) {
                        out.respond(factory.taggedOk(request.getTag(), request.getCommand(), HumanReadableText.COMPLETED));
                    } else {
                        out.respond(factory.taggedBad(request.getTag(), request.getCommand(),
                            new HumanReadableText("org.apache.james.imap.INVALID_CONTINUATION", "failed. Expected 'DONE'.")));
                    }
                    out.flush();
                }).then(delivery.eventLoopBarrier()))
                    .subscribe(any -> { }, e -> LOGGER.warn("Failed to end IDLE", e));
                delivery.afterCommand();
            });
            responder.respond(new ContinuationResponse(HumanReadableText.IDLING));
            responder.flush();
            delivery.setIdling(true);
            if (heartbeatEnabled) {
                scheduleHeartbeat(session, delivery, idleActive);
            }
        }).then(Mono.fromRunnable(delivery::requestDrain));
    }

    private void scheduleHeartbeat(ImapSession session, NotifySession delivery, AtomicBoolean idleActive) {
        session.schedule(() -> {
            if (idleActive.get() && session.getState() != ImapSessionState.LOGOUT) {
                delivery.gate().run(() -> Mono.fromRunnable(() -> {
                    if (idleActive.get()) {
                        Responder out = delivery.responder();
                        out.respond(factory.untaggedOk(HumanReadableText.HEARTBEAT));
                        out.flush();
                    }
                }).then(delivery.eventLoopBarrier())).subscribe(any -> { }, e -> LOGGER.debug("heartbeat failed", e));
                scheduleHeartbeat(session, delivery, idleActive);
            }
        }, heartbeat);
    }
}
