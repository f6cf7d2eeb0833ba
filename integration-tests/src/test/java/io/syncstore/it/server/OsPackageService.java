package io.syncstore.it.server;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * What the private servers the tests take from the operating system's packages (PostgreSQL, RabbitMQ) share: a
 * folder of this JVM under {@code target/} (folders of JVMs that died are removed), commands run as the package's
 * own user when the tests run as root (both servers refuse to run as root), waiting until the server answers or
 * its process ended. Every failure throws with the server's words: tests that need the server fail, never skip.
 */
final class OsPackageService {
    private static final AtomicInteger INSTANCES = new AtomicInteger();
    private final String name;
    private final String user;
    final Path folder;

    private OsPackageService(String name, String user, Path folder) {
        this.name = name;
        this.user = user;
        this.folder = folder;
    }

    /** A new empty folder {@code target/NAME-PID-N}, owned by {@code user} when the tests run as root. */
    static OsPackageService create(String name, String user) {
        Path target = Paths.get(System.getProperty("basedir", ".")).toAbsolutePath().resolve("target");
        removeFoldersOfDeadJvms(target, name + "-");
        String folderName = name + "-" + ProcessHandle.current().pid() + "-" + INSTANCES.incrementAndGet();
        OsPackageService service = new OsPackageService(name, user, target.resolve(folderName));
        try {
            Files.createDirectories(service.folder);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create the folder of the " + name + " test server", e);
        }
        return service;
    }

    /** Gives the folder, as filled so far, to the server's user. */
    void handOverFolder() {
        if (runsAsRoot()) {
            run(List.of("chown", "-R", user + ":" + user, folder.toString()));
        }
    }

    /** The command as the server's user runs it. */
    List<String> asServerUser(String... command) {
        List<String> switched = new ArrayList<>();
        if (runsAsRoot()) {
            switched.addAll(List.of("runuser", "-u", user, "--"));
        }
        switched.addAll(List.of(command));
        return switched;
    }

    /** Runs a command to its end; throws with its output unless it succeeded. */
    String run(List<String> command) {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(2, TimeUnit.MINUTES) || process.exitValue() != 0) {
                throw new IllegalStateException(name + " test server: " + String.join(" ", command) + " failed: " + output);
            }
            return output;
        } catch (IOException e) {
            throw new UncheckedIOException(name + " test server: cannot run " + command.get(0), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while running " + command.get(0), e);
        }
    }

    /** Waits until {@code ready}, while {@code alive}; throws with {@code log} when it does not come. */
    void awaitReady(BooleanSupplier ready, BooleanSupplier alive, Duration timeout, Supplier<String> log) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!ready.getAsBoolean()) {
            if (!alive.getAsBoolean() || System.nanoTime() > deadline) {
                throw new IllegalStateException("The " + name + " test server did not start ("
                    + (alive.getAsBoolean() ? "not ready within " + timeout.toSeconds() + " s" : "exited") + "): " + log.get());
            }
            try {
                Thread.sleep(300);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted while waiting for the " + name + " test server", e);
            }
        }
    }

    /** The last lines of a log file of the server, for failure messages. */
    String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join(" | ", lines.subList(Math.max(0, lines.size() - 15), lines.size()));
        } catch (IOException e) {
            return "(no " + log.getFileName() + ": " + e.getMessage() + ")";
        }
    }

    /** Removes the folder, once the server is stopped; also at the JVM's exit, after {@code stop}. */
    void deleteAtExit(Runnable stop) {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                stop.run();
            } finally {
                deleteRecursively(folder);
            }
        }, name + "-test-server-stop"));
    }

    private static boolean runsAsRoot() {
        return "root".equals(System.getProperty("user.name"));
    }

    private static void removeFoldersOfDeadJvms(Path target, String prefix) {
        if (!Files.isDirectory(target)) {
            return;
        }
        try (Stream<Path> folders = Files.list(target)) {
            folders.filter(folder -> folder.getFileName().toString().startsWith(prefix))
                .filter(folder -> ownerIsGone(folder.getFileName().toString().substring(prefix.length()).split("-")[0]))
                .forEach(OsPackageService::deleteRecursively);
        } catch (IOException e) {
            // leftovers only cost space
        }
    }

    private static boolean ownerIsGone(String pid) {
        try {
            return ProcessHandle.of(Long.parseLong(pid)).map(process -> !process.isAlive()).orElse(true);
        } catch (NumberFormatException e) {
            return false;
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
