package io.syncstore.server.cli;

import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import java.util.function.Consumer;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** Starts WebAdmin tasks and follows them, as an administrator would with curl. */
final class WebAdminClient {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration POLL = Duration.ofSeconds(1);

    private final HttpClient http = HttpClient.newHttpClient();
    private final String base;

    WebAdminClient(String base) {
        this.base = base;
    }

    /** WebAdmin of the server whose configuration is in {@code conf}: its {@code host} and {@code port}. */
    static WebAdminClient of(Path conf) throws IOException {
        Path file = conf.resolve("webadmin.properties");
        Properties properties = new Properties();
        try (InputStream input = Files.newInputStream(file)) {
            properties.load(input);
        }
        if (!"true".equals(properties.getProperty("enabled", "false").trim())) {
            throw new IOException("WebAdmin is off (enabled in " + file + "); backups and imports of a running server need it");
        }
        String host = properties.getProperty("host", "127.0.0.1").trim();
        if (host.equals("0.0.0.0")) {
            host = "127.0.0.1";
        }
        String scheme = "true".equals(properties.getProperty("https.enabled", "false").trim()) ? "https" : "http";
        return new WebAdminClient(scheme + "://" + host + ":" + properties.getProperty("port", "8000").trim());
    }

    /** Posts to {@code path} with the query parameters; returns the id of the task it started. */
    String startTask(String path, Map<String, String> parameters) throws IOException, InterruptedException {
        String query = parameters.entrySet().stream()
            .map(entry -> entry.getKey() + "=" + URLEncoder.encode(entry.getValue(), StandardCharsets.UTF_8))
            .collect(Collectors.joining("&"));
        HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create(base + path + "?" + query))
            .POST(HttpRequest.BodyPublishers.noBody()).build());
        if (response.statusCode() != 201) {
            throw new IOException("WebAdmin refused the task (HTTP " + response.statusCode() + "): " + message(response.body()));
        }
        return JSON.readTree(response.body()).path("taskId").asText();
    }

    /** Waits for the task to end, telling {@code progress} of its details as they change; returns its last state. */
    JsonNode await(String taskId, Consumer<JsonNode> progress) throws IOException, InterruptedException {
        String last = "";
        while (true) {
            HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create(base + "/tasks/" + taskId)).GET().build());
            if (response.statusCode() != 200) {
                throw new IOException("WebAdmin does not know task " + taskId + " (HTTP " + response.statusCode() + ")");
            }
            JsonNode task = JSON.readTree(response.body());
            JsonNode details = task.path("additionalInformation");
            String status = task.path("status").asText();
            if (!details.toString().equals(last)) {
                last = details.toString();
                progress.accept(details);
            }
            if (!status.equals("waiting") && !status.equals("inProgress")) {
                return task;
            }
            Thread.sleep(POLL.toMillis());
        }
    }

    private HttpResponse<String> send(HttpRequest request) throws IOException, InterruptedException {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (ConnectException e) {
            throw new IOException("Cannot reach WebAdmin at " + base + ": is the server running?", e);
        }
    }

    private static String message(String body) {
        try {
            JsonNode error = JSON.readTree(body);
            if (!error.has("message")) {
                return body;
            }
            String details = error.path("details").asText("");
            return error.path("message").asText() + (details.isEmpty() ? "" : ": " + details);
        } catch (IOException e) {
            return body;
        }
    }
}
