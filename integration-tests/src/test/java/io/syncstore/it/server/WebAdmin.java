package io.syncstore.it.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/** James's WebAdmin REST API, as the curl lines of the README use it. */
final class WebAdmin {
    private final HttpClient http = HttpClient.newHttpClient();
    private final String base;

    WebAdmin(int port) {
        this.base = "http://127.0.0.1:" + port;
    }

    void createDomain(String domain) throws IOException, InterruptedException {
        assertThat(put("/domains/" + domain, "").statusCode()).isEqualTo(204);
    }

    void createUser(String user, String password) throws IOException, InterruptedException {
        assertThat(put("/users/" + user, "{\"password\":\"" + password + "\"}").statusCode()).isEqualTo(204);
    }

    String get(String path) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(base + path)).GET().build(),
            HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as("GET " + path).isEqualTo(200);
        return response.body();
    }

    private HttpResponse<String> put(String path, String body) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(base + path))
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(body))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    }
}
