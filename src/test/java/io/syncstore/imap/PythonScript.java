package io.syncstore.imap;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Another client: a Python 3 script (python3 is a test dependency, see README), which must end well within a minute. */
public final class PythonScript {
    private PythonScript() {
    }

    /** Runs the script with these arguments; returns what it wrote (UTF-8), once it has exited with 0. */
    public static String run(String script, Object... arguments) throws Exception {
        Path file = Files.createTempFile("client", ".py");
        try {
            Files.writeString(file, script);
            List<String> command = new ArrayList<>(List.of("python3", file.toString()));
            for (Object argument : arguments) {
                command.add(String.valueOf(argument));
            }
            Process python = new ProcessBuilder(command).redirectErrorStream(true).start();
            assertThat(python.waitFor(60, TimeUnit.SECONDS)).isTrue();
            String output = new String(python.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(python.exitValue()).as(output).isZero();
            return output;
        } finally {
            Files.delete(file);
        }
    }
}
