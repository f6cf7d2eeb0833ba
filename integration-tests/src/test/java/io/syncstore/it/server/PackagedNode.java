package io.syncstore.it.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One node of several: the packaged distribution unpacked in a folder of its own, configured for a shared PostgreSQL
 * database and RabbitMQ broker, run by {@code bin/syncstore-james} as its own process.
 */
final class PackagedNode {
    final String name;
    final ServerHome home;
    private final StartScript script;

    private PackagedNode(String name, ServerHome home) {
        this.name = name;
        this.home = home;
        // several nodes on one host need names of their own for NOTIFY; the machine is shared: starts may be slow
        this.script = StartScript.of(home).withEnvironment(Map.of("JAVA_OPTS", "-Xmx512m -Dsyncstore.notify.node=" + name,
            "START_TIMEOUT", "300"));
    }

    static PackagedNode unpack(Path parent, String name, NodeServices services, String mailQueueLease) throws Exception {
        ServerHome home = ServerHome.unpack(Files.createDirectories(parent.resolve(name)));
        Files.writeString(home.conf("syncstore.xml"), "<syncstore>\n"
            + "    <backend>postgresql</backend>\n"
            + "    <postgresql>\n"
            + "        <url>" + services.postgres.url(NodeServices.DATABASE) + "</url>\n"
            + "        <user>" + PostgresServer.USER + "</user>\n"
            + "        <password>" + PostgresServer.PASSWORD + "</password>\n"
            + "        <tls>disable</tls>\n"
            + "    </postgresql>\n"
            + "    <mailQueueLease>" + mailQueueLease + "</mailQueueLease>\n"
            + "</syncstore>\n", StandardCharsets.UTF_8);
        Files.writeString(home.conf("rabbitmq.properties"), services.broker.properties(), StandardCharsets.UTF_8);
        return new PackagedNode(name, home);
    }

    void start() throws Exception {
        StartScript.Outcome started = script.run("start");
        assertThat(started.exitCode).as(name + ": " + started.output).isZero();
    }

    /** Starts a node that must not start; returns the one line the start script printed about why. */
    String failedStart() throws Exception {
        StartScript.Outcome started = script.run("start");
        assertThat(started.exitCode).as(name + ": " + started.output).isNotZero();
        return started.lastLine();
    }

    /** The errors in the node's log with the lines that follow each, for the message of a failed assertion. */
    String loggedErrors() {
        try {
            List<String> lines = Files.readAllLines(home.root.resolve("var/log/syncstore-james.log"), StandardCharsets.UTF_8);
            StringBuilder errors = new StringBuilder(name + "'s errors:");
            for (int i = 0; i < lines.size(); i++) {
                if (lines.get(i).contains("[ERROR]")) {
                    lines.subList(i, Math.min(lines.size(), i + 4)).forEach(line -> errors.append('\n').append(line));
                }
            }
            return errors.toString();
        } catch (IOException e) {
            return name + " has no log: " + e;
        }
    }

    RawImapSession imap() throws Exception {
        return new RawImapSession(home.imapPort, ServerHome.ALICE, ServerHome.PASSWORD);
    }

    WebAdmin webAdmin() {
        return new WebAdmin(home.webAdminPort);
    }

    /** SIGKILL: the node ends at once, as in a crash, without its shutdown. */
    void kill() throws Exception {
        ProcessHandle server = ProcessHandle.of(script.pid()).orElseThrow();
        assertThat(server.destroyForcibly()).isTrue();
        server.onExit().get(30, TimeUnit.SECONDS);
    }

    void stopIfRunning() throws Exception {
        script.run("stop");
    }
}
