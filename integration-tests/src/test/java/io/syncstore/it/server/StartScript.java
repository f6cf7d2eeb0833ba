package io.syncstore.it.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs {@code bin/syncstore-james} of a server home as an administrator would, in a shell of its own. */
final class StartScript {
    static final class Outcome {
        final int exitCode;
        final String output;

        private Outcome(int exitCode, String output) {
            this.exitCode = exitCode;
            this.output = output;
        }

        String lastLine() {
            String[] lines = output.strip().split("\n");
            return lines[lines.length - 1];
        }
    }

    private final ServerHome home;
    private final List<String> prefix;
    private final Map<String, String> environment;

    private StartScript(ServerHome home, List<String> prefix, Map<String, String> environment) {
        this.home = home;
        this.prefix = prefix;
        this.environment = environment;
    }

    static StartScript of(ServerHome home) {
        return new StartScript(home, List.of(), Map.of());
    }

    /** The script run by another user (e.g. {@code setpriv --reuid=...}), for permissions that root would bypass. */
    static StartScript asUser(ServerHome home, List<String> userSwitch) {
        return new StartScript(home, userSwitch, Map.of());
    }

    /** The script with these environment variables set (SYNCSTORE_CONF, SYNCSTORE_DATA). */
    StartScript withEnvironment(Map<String, String> variables) {
        return new StartScript(home, prefix, variables);
    }

    Path dataFolder() {
        return environment.containsKey("SYNCSTORE_DATA") ? Path.of(environment.get("SYNCSTORE_DATA")) : home.root.resolve("var");
    }

    Outcome run(String action) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(prefix);
        command.add(home.root.resolve("bin/syncstore-james").toString());
        command.add(action);
        Path output = Files.createTempFile(home.root.getParent(), action, ".out");
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().putAll(environment);
        Process process = builder
            .redirectErrorStream(true)
            .redirectOutput(output.toFile())
            .start();
        // "run" keeps the server in the foreground: it only returns here when start-up failed.
        // a start on a machine shared with other builds may take minutes
        assertThat(process.waitFor(6, TimeUnit.MINUTES)).as("bin/syncstore-james " + action + " returned").isTrue();
        return new Outcome(process.exitValue(), Files.readString(output, StandardCharsets.UTF_8));
    }

    long pid() throws IOException {
        return Long.parseLong(Files.readString(dataFolder().resolve("syncstore-james.pid")).trim());
    }
}
