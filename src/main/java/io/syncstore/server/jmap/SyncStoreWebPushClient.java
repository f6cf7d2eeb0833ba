package io.syncstore.server.jmap;

import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import javax.inject.Inject;

import org.apache.james.jmap.api.model.PushSubscriptionServerURL;
import org.apache.james.jmap.pushsubscription.PushClientConfiguration;
import org.apache.james.jmap.pushsubscription.PushRequest;
import org.apache.james.jmap.pushsubscription.WebPushClient;
import org.reactivestreams.Publisher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.netty.buffer.Unpooled;
import io.syncstore.backend.jmap.SyncStorePushSubscriptionRepository;
import io.syncstore.reactive.Blocking;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;
import reactor.util.retry.Retry;
import scala.jdk.javaapi.OptionConverters;
import scala.runtime.BoxedUnit;

/**
 * Web Push delivery (RFC 8030 §5) in place of James's client, which reports every failure to its caller: James's
 * push listener then fails the whole state change, the event bus retries it and pushes again to every subscription
 * of the account, and the mail write that caused the change waits for a push service that does not answer.
 *
 * <p>Here a push is detached from its caller and, per push service answer: 2xx delivered; 404 or 410 (the push
 * resource is gone, RFC 8030 §6.2) every subscription with that URL removed; 429, 5xx, no answer within
 * {@code webpush.maxTimeoutSeconds} or no connection retried {@value #RETRIES} times with exponential back-off from
 * {@link #FIRST_BACKOFF}, then given up (the next state change pushes again); any other answer logged and dropped.
 */
public class SyncStoreWebPushClient implements WebPushClient {
    static final int RETRIES = 3;
    static final Duration FIRST_BACKOFF = Duration.ofSeconds(1);
    private static final Logger LOGGER = LoggerFactory.getLogger(SyncStoreWebPushClient.class);
    private static final int DEFAULT_TIMEOUT_SECONDS = 30;

    private final PushClientConfiguration configuration;
    private final SyncStorePushSubscriptionRepository subscriptions;
    private final HttpClient http;

    @Inject
    public SyncStoreWebPushClient(PushClientConfiguration configuration, SyncStorePushSubscriptionRepository subscriptions) {
        this.configuration = configuration;
        this.subscriptions = subscriptions;
        ConnectionProvider.Builder connections = ConnectionProvider.builder("web-push");
        OptionConverters.toJava(configuration.maxConnections()).ifPresent(max -> connections.maxConnections((Integer) max));
        int timeout = OptionConverters.toJava(configuration.maxTimeoutSeconds()).map(seconds -> (Integer) seconds).orElse(DEFAULT_TIMEOUT_SECONDS);
        this.http = HttpClient.create(connections.build())
            .disableRetry(true)
            .responseTimeout(Duration.ofSeconds(timeout));
    }

    @Override
    public Publisher<BoxedUnit> push(PushSubscriptionServerURL url, PushRequest request) {
        deliver(url, request).subscribe();
        return Mono.empty();
    }

    private Mono<Void> deliver(PushSubscriptionServerURL url, PushRequest request) {
        return allowed(url)
            .then(Mono.defer(() -> send(url, request)))
            .retryWhen(Retry.backoff(RETRIES, FIRST_BACKOFF)
                .filter(failure -> !(failure instanceof Refused))
                .onRetryExhaustedThrow((retry, signal) -> signal.failure()))
            .onErrorResume(Gone.class, gone -> {
                LOGGER.info("Push service answered {} for {}: its subscriptions are removed", gone.status, url.value());
                return subscriptions.revokeAll(url);
            })
            .onErrorResume(failure -> {
                LOGGER.warn("Push to {} given up: {}", url.value(), failure.toString());
                return Mono.empty();
            });
    }

    private Mono<Void> send(PushSubscriptionServerURL url, PushRequest request) {
        return http.headers(headers -> {
                headers.add("Content-Type", "application/json; charset=utf-8");
                // ttl() is declared long to Java but returns a boxed Long (a Scala refined type): read the field itself
                headers.add("TTL", request.productElement(0));
                OptionConverters.toJava(request.urgency()).ifPresent(urgency -> headers.add("Urgency", urgency.value()));
                OptionConverters.toJava(request.topic()).ifPresent(topic -> headers.add("Topic", topic.value()));
                OptionConverters.toJava(request.contentCoding()).ifPresent(coding -> headers.add("Content-Encoding", coding.value()));
            })
            .post()
            .uri(url.value().toString())
            .send(Mono.fromSupplier(() -> Unpooled.wrappedBuffer(request.payload())))
            .responseSingle((response, body) -> body.asString(StandardCharsets.UTF_8).defaultIfEmpty("")
                .flatMap(text -> outcome(response.status().code(), text)));
    }

    private static Mono<Void> outcome(int status, String body) {
        if (status >= 200 && status < 300) {
            return Mono.empty();
        }
        if (status == 404 || status == 410) {
            return Mono.error(new Gone(status));
        }
        if (status == 429 || status >= 500) {
            return Mono.error(new IllegalStateException("push service answered " + status));
        }
        return Mono.error(new Refused("push service answered " + status + ": " + abbreviated(body)));
    }

    /** James's guard against server-side request forgery: no push to this host's own or private networks unless allowed. */
    private Mono<Void> allowed(PushSubscriptionServerURL url) {
        if (!configuration.preventServerSideRequestForgery()) {
            return Mono.empty();
        }
        return Blocking.call(() -> InetAddress.getByName(url.value().getHost()))
            .flatMap(address -> address.isLoopbackAddress() || address.isSiteLocalAddress() || address.isLinkLocalAddress()
                ? Mono.error(new Refused(address + " is a local or private address (webpush.prevent.server.side.request.forgery)"))
                : Mono.empty());
    }

    private static String abbreviated(String text) {
        return text.length() > 200 ? text.substring(0, 200) + "..." : text;
    }

    /** A failure that another attempt would not mend. */
    private static class Refused extends RuntimeException {
        Refused(String message) {
            super(message, null, false, false);
        }
    }

    private static final class Gone extends Refused {
        private final int status;

        Gone(int status) {
            super("push service answered " + status);
            this.status = status;
        }
    }
}
