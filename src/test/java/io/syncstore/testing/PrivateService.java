package io.syncstore.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The working folder of a service that the tests of this JVM run from the operating system's packages (PostgreSQL,
 * RabbitMQ): {@code target/NAME-PID}, owned by the package's system user when the tests run as root (the services
 * refuse to run as root), and the commands that run as that user.
 */
public final class PrivateService {
    private final String name;
    private final String systemUser;
    private final Path folder;

    private PrivateService(String name, String systemUser, Path folder) {
        this.name = name;
        this.systemUser = systemUser;
        this.folder = folder;
    }

    /** A new, empty folder; those of test JVMs that were killed before removing theirs go first. */
    public static PrivateService create(String name, String systemUser) {
        Path target = Paths.get(System.getProperty("basedir", ".")).toAbsolutePath().resolve("target");
        removeLeftovers(target, name + "-");
        Path folder = target.resolve(name + "-" + ProcessHandle.current().pid());
        try {
            Files.createDirectories(folder);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create the " + name + " test folder " + folder, e);
        }
        return new PrivateService(name, systemUser, folder);
    }

    public Path folder() {
        return folder;
    }

    /** Gives the folder, as prepared so far, to the service's user. */
    public void handOver() {
        if (runsAsRoot()) {
            run(Duration.ofSeconds(60), "chown", "-R", systemUser + ":" + systemUser, folder.toString());
        }
    }

    public String[] asServiceUser(String... command) {
        if (!runsAsRoot()) {
            return command;
        }
        return Stream.concat(Stream.of("runuser", "-u", systemUser, "--"), Stream.of(command)).toArray(String[]::new);
    }

    /** Runs the command as the service's user; fails with its output unless it ends well within the timeout. */
    public void runAsServiceUser(Duration timeout, String... command) {
        run(timeout, asServiceUser(command));
    }

    public void delete() {
        deleteRecursively(folder);
    }

    private void run(Duration timeout, String... command) {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS) || process.exitValue() != 0) {
                throw new IllegalStateException(name + " test server: " + String.join(" ", command) + " failed: " + output);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(name + " test server: cannot run " + command[0], e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while running " + command[0], e);
        }
    }

    private static boolean runsAsRoot() {
        return "root".equals(System.getProperty("user.name"));
    }

    private static void removeLeftovers(Path target, String prefix) {
        if (!Files.isDirectory(target)) {
            return;
        }
        try (Stream<Path> folders = Files.list(target)) {
            folders.filter(folder -> folder.getFileName().toString().startsWith(prefix))
                .filter(folder -> ProcessHandle.of(Long.parseLong(folder.getFileName().toString().substring(prefix.length())))
                    .map(process -> !process.isAlive()).orElse(true))
                .forEach(PrivateService::deleteRecursively);
        } catch (IOException | NumberFormatException e) {
            // leftovers only cost space
        }
    }

    private static void deleteRecursively(Path folder) {
        try (Stream<Path> paths = Files.walk(folder)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            // a leftover folder is removed by the next run
        }
    }
}
