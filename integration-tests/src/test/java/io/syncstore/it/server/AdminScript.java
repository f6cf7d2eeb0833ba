package io.syncstore.it.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs {@code bin/syncstore-backup} or {@code bin/syncstore-import} of a server home as an administrator would. */
final class AdminScript {
    private AdminScript() {
    }

    /** Runs the script with the arguments; returns its output, after checking that it ended with status 0. */
    static String run(ServerHome home, String script, String... arguments) throws Exception {
        return run(home, script, 0, arguments);
    }

    /** Runs the script; returns its output, after checking its exit status. */
    static String run(ServerHome home, String script, int exitStatus, String... arguments) throws Exception {
        List<String> command = new ArrayList<>();
        command.add(home.root.resolve("bin").resolve(script).toString());
        command.addAll(List.of(arguments));
        Path output = Files.createTempFile(home.root.getParent(), script, ".out");
        ProcessBuilder builder = new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(output.toFile());
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        Process process = builder.start();
        assertThat(process.waitFor(5, TimeUnit.MINUTES)).as(script + " returned").isTrue();
        String printed = Files.readString(output, StandardCharsets.UTF_8);
        assertThat(process.exitValue()).as(script + " " + String.join(" ", arguments) + " said:\n" + printed).isEqualTo(exitStatus);
        return printed;
    }
}
