package io.syncstore.it.server;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A push service (RFC 8030) on loopback, the JDK's HTTP server: a push to {@code /push/NAME} is answered with the
 * next status scripted for NAME, 201 once the script is used up; {@link #NO_ANSWER} holds the request for
 * {@link #HOLD} without answering. Every push is recorded with the status it got.
 */
final class PushService implements AutoCloseable {
    static final int NO_ANSWER = 0;
    static final Duration HOLD = Duration.ofMillis(2500);

    /** One push as the service received it. */
    static final class Push {
        final String name;
        final int status;
        final JsonNode body;

        Push(String name, int status, JsonNode body) {
            this.name = name;
            this.status = status;
            this.body = body;
        }

        String type() {
            return body.path("@type").asText();
        }

        @Override
        public String toString() {
            return name + " " + status + " " + body;
        }
    }

    private final HttpServer server;
    private final ExecutorService threads = Executors.newCachedThreadPool();
    private final Map<String, Deque<Integer>> scripts = new ConcurrentHashMap<>();
    private final List<Push> all = new ArrayList<>();
    private final BlockingQueue<Push> delivered = new LinkedBlockingQueue<>();

    private PushService() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(threads);
        server.createContext("/push/", this::receive);
        server.start();
    }

    static PushService start() throws IOException {
        return new PushService();
    }

    String url(String name) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/push/" + name;
    }

    /** The statuses of the next pushes to NAME, in order. */
    void script(String name, int... statuses) {
        Deque<Integer> script = new ArrayDeque<>();
        for (int status : statuses) {
            script.add(status);
        }
        scripts.put(name, script);
    }

    /** The statuses every push to NAME got so far, in order. */
    synchronized List<Integer> statusesOf(String name) {
        return all.stream().filter(push -> push.name.equals(name)).map(push -> push.status).collect(Collectors.toList());
    }

    /** The pushes answered 201 so far to NAME, of the given {@code @type}. */
    synchronized List<Push> deliveredTo(String name, String type) {
        return all.stream().filter(push -> push.name.equals(name) && push.status == 201 && push.type().equals(type))
            .collect(Collectors.toList());
    }

    synchronized void forget() {
        all.clear();
        delivered.clear();
    }

    /** The next push answered 201 of the given {@code @type}, passing over others, or fails after the timeout. */
    Push nextDelivered(String type, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        Push push;
        while ((push = delivered.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS)) != null) {
            if (type.equals(push.type())) {
                return push;
            }
        }
        throw new AssertionError("No " + type + " pushed within " + timeout);
    }

    private void receive(HttpExchange exchange) throws IOException {
        try {
            String name = exchange.getRequestURI().getPath().substring("/push/".length());
            JsonNode body = JmapClient.JSON.readTree(exchange.getRequestBody());
            Integer scripted = scripts.getOrDefault(name, new ArrayDeque<>()).poll();
            int status = scripted == null ? 201 : scripted;
            Push push = new Push(name, status, body);
            synchronized (this) {
                all.add(push);
            }
            if (status == NO_ANSWER) {
                Thread.sleep(HOLD.toMillis());
                return;
            }
            exchange.sendResponseHeaders(status, -1);
            if (status == 201) {
                delivered.add(push);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            exchange.close();
        }
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }
}
