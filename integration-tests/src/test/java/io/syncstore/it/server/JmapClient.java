package io.syncstore.it.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A JMAP client (RFC 8620) over Java's HTTP client with basic authentication: the session resource, method calls
 * one at a time, and an EventSource stream.
 */
final class JmapClient {
    static final ObjectMapper JSON = new ObjectMapper();
    private static final String[] USING = {"urn:ietf:params:jmap:core", "urn:ietf:params:jmap:mail"};

    private final HttpClient http;
    private final String base;
    private final String authorization;
    private JsonNode session;

    JmapClient(int port, String user, String password) {
        this(HttpClient.newHttpClient(), "http://127.0.0.1:" + port, user, password);
    }

    /** A client of the server at {@code base} (scheme, host and port) through the given HTTP client. */
    JmapClient(HttpClient http, String base, String user, String password) {
        this.http = http;
        this.base = base;
        this.authorization = "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    JsonNode session() throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(authorized(URI.create(base + "/jmap/session")).header("Accept", "application/json").GET().build(),
            HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as("GET /jmap/session: " + response.body()).isEqualTo(200);
        session = JSON.readTree(response.body());
        return session;
    }

    String accountId() {
        return session.get("primaryAccounts").get("urn:ietf:params:jmap:mail").asText();
    }

    /** Calls one method with the given arguments (accountId added); returns its response arguments. */
    JsonNode call(String method, ObjectNode arguments) throws IOException, InterruptedException {
        arguments.put("accountId", accountId());
        ObjectNode request = JSON.createObjectNode();
        ArrayNode using = request.putArray("using");
        Stream.of(USING).forEach(using::add);
        request.putArray("methodCalls").addArray().add(method).add(arguments).add("c1");
        HttpResponse<String> response = http.send(authorized(URI.create(session.get("apiUrl").asText()))
                .header("Content-Type", "application/json")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(request)))
                .build(),
            HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(method + ": " + response.body()).isEqualTo(200);
        JsonNode invocation = JSON.readTree(response.body()).get("methodResponses").get(0);
        assertThat(invocation.get(0).asText()).as(method + " answered " + invocation).isEqualTo(method);
        return invocation.get(1);
    }

    static ObjectNode arguments() {
        return JSON.createObjectNode();
    }

    /**
     * Opens the session's EventSource for every type, without pings; the lines received are queued as they come.
     * The returned future completes when the stream ends; cancel it to close the stream.
     */
    CompletableFuture<HttpResponse<Void>> eventSource(BlockingQueue<String> lines) {
        String url = session.get("eventSourceUrl").asText()
            .replace("{types}", "*").replace("{closeafter}", "no").replace("{ping}", "0");
        return http.sendAsync(authorized(URI.create(url)).header("Accept", "text/event-stream").GET().build(),
            HttpResponse.BodyHandlers.fromLineSubscriber(new LineQueue(lines)));
    }

    /**
     * Opens the session's WebSocket (RFC 8887, subprotocol "jmap"); the text messages received are queued whole as
     * they come.
     */
    WebSocket webSocket(BlockingQueue<String> messages) {
        URI url = URI.create(session.get("capabilities").get("urn:ietf:params:jmap:websocket").get("url").asText());
        return http.newWebSocketBuilder()
            .header("Authorization", authorization)
            .subprotocols("jmap")
            .buildAsync(url, new MessageQueue(messages))
            .join();
    }

    /** A JMAP request object of the WebSocket transport: one method call, answered with a Response of this id. */
    ObjectNode webSocketRequest(String id, String method, ObjectNode arguments) {
        arguments.put("accountId", accountId());
        ObjectNode request = JSON.createObjectNode();
        request.put("@type", "Request").put("id", id);
        ArrayNode using = request.putArray("using");
        Stream.of(USING).forEach(using::add);
        request.putArray("methodCalls").addArray().add(method).add(arguments).add("c1");
        return request;
    }

    private static final class MessageQueue implements WebSocket.Listener {
        private final BlockingQueue<String> messages;
        private final StringBuilder partial = new StringBuilder();

        MessageQueue(BlockingQueue<String> messages) {
            this.messages = messages;
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                messages.add(partial.toString());
                partial.setLength(0);
            }
            webSocket.request(1);
            return null;
        }
    }

    private HttpRequest.Builder authorized(URI uri) {
        return HttpRequest.newBuilder(uri).header("Authorization", authorization);
    }

    private static final class LineQueue implements java.util.concurrent.Flow.Subscriber<String> {
        private final BlockingQueue<String> lines;

        LineQueue(BlockingQueue<String> lines) {
            this.lines = lines;
        }

        @Override
        public void onSubscribe(java.util.concurrent.Flow.Subscription subscription) {
            subscription.request(Long.MAX_VALUE);
        }

        @Override
        public void onNext(String line) {
            lines.add(line);
        }

        @Override
        public void onError(Throwable throwable) {
            lines.add("error: " + throwable);
        }

        @Override
        public void onComplete() {
            lines.add("closed");
        }
    }

    static BlockingQueue<String> newLineQueue() {
        return new LinkedBlockingQueue<>();
    }
}
