package io.syncstore.it.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A server home unpacked from the distribution archive that {@code mvn install} built: bin/, conf/ and lib/ as an
 * administrator gets them, with the listeners moved to free ports of the loopback interface.
 */
final class ServerHome {
    static final String DOMAIN = "example.com";
    /** The user the tests create, as the README's WebAdmin lines do. */
    static final String ALICE = "alice@" + DOMAIN;
    static final String PASSWORD = "alice-secret";

    final Path root;
    final int imapPort;
    final int imapsPort;
    final int smtpPort;
    final int submissionTlsPort;
    final int submissionStartTlsPort;
    final int lmtpPort;
    final int pop3Port;
    final int manageSievePort;
    final int webAdminPort;
    final int jmapPort;

    private ServerHome(Path root) throws IOException {
        this.root = root;
        this.imapPort = FreePorts.next();
        this.imapsPort = FreePorts.next();
        this.smtpPort = FreePorts.next();
        this.submissionTlsPort = FreePorts.next();
        this.submissionStartTlsPort = FreePorts.next();
        this.lmtpPort = FreePorts.next();
        this.pop3Port = FreePorts.next();
        this.manageSievePort = FreePorts.next();
        this.webAdminPort = FreePorts.next();
        this.jmapPort = FreePorts.next();
    }

    static ServerHome unpack(Path parent) throws Exception {
        Path archive = Paths.get(System.getProperty("syncstore.distribution"));
        Process tar = new ProcessBuilder("tar", "-xzf", archive.toString(), "-C", parent.toString())
            .inheritIO()
            .start();
        assertThat(tar.waitFor(2, TimeUnit.MINUTES) && tar.exitValue() == 0).as("tar -xzf " + archive).isTrue();
        Path root;
        try (Stream<Path> children = Files.list(parent)) {
            root = children.filter(child -> child.getFileName().toString().startsWith("syncstore-james-"))
                .findFirst().orElseThrow();
        }
        ServerHome home = new ServerHome(root);
        home.useTestPorts();
        return home;
    }

    Path conf(String file) {
        return root.resolve("conf").resolve(file);
    }

    /** Replaces one text of a configuration file, which must be there. */
    void edit(String file, String text, String replacement) throws IOException {
        String content = Files.readString(conf(file), StandardCharsets.UTF_8);
        assertThat(content).as(file).contains(text);
        Files.writeString(conf(file), content.replace(text, replacement), StandardCharsets.UTF_8);
    }

    /**
     * Mail with the header {@code X-Slow-Delivery} waits in the spool for this long before it is delivered: the
     * Requeue mailet puts it back in the durable spool queue with a delay.
     */
    void delayDeliveryOfMarkedMail(String delay) throws IOException {
        edit("mailetcontainer.xml", "            <mailet match=\"All\" class=\"PostmasterAlias\"/>",
            "            <mailet match=\"HasHeader=X-Slow-Delivery\" class=\"Requeue\">\n"
                + "                <processor>transport</processor>\n"
                + "                <delay>" + delay + "</delay>\n"
                + "            </mailet>\n"
                + "            <mailet match=\"All\" class=\"PostmasterAlias\"/>");
    }

    private void useTestPorts() throws IOException {
        edit("imapserver.xml", "<bind>0.0.0.0:143</bind>", "<bind>127.0.0.1:" + imapPort + "</bind>");
        edit("imapserver.xml", "<bind>0.0.0.0:993</bind>", "<bind>127.0.0.1:" + imapsPort + "</bind>");
        edit("smtpserver.xml", "<bind>0.0.0.0:25</bind>", "<bind>127.0.0.1:" + smtpPort + "</bind>");
        edit("smtpserver.xml", "<bind>0.0.0.0:465</bind>", "<bind>127.0.0.1:" + submissionTlsPort + "</bind>");
        edit("smtpserver.xml", "<bind>0.0.0.0:587</bind>", "<bind>127.0.0.1:" + submissionStartTlsPort + "</bind>");
        edit("lmtpserver.xml", "<bind>127.0.0.1:24</bind>", "<bind>127.0.0.1:" + lmtpPort + "</bind>");
        edit("pop3server.xml", "<bind>0.0.0.0:110</bind>", "<bind>127.0.0.1:" + pop3Port + "</bind>");
        edit("managesieveserver.xml", "<bind>0.0.0.0:4190</bind>", "<bind>127.0.0.1:" + manageSievePort + "</bind>");
        edit("webadmin.properties", "port=8000", "port=" + webAdminPort);
        edit("jmap.properties", "jmap.port=8080", "jmap.port=" + jmapPort);
        edit("jmap.properties", "url.prefix=http://localhost:8080", "url.prefix=http://127.0.0.1:" + jmapPort);
        edit("jmap.properties", "websocket.url.prefix=ws://localhost:8080", "websocket.url.prefix=ws://127.0.0.1:" + jmapPort);
    }

}
