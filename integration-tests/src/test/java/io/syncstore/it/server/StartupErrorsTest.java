package io.syncstore.it.server;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.syncstore.server.startup.StartupFailure;

/** A server that cannot start says what to fix: the file and the key, or the address. */
class StartupErrorsTest {
    @TempDir
    Path folder;

    private ServerHome home;

    @BeforeEach
    void unpack() throws Exception {
        home = ServerHome.unpack(folder);
    }

    @Test
    void malformedXmlNamesTheFileAndTheLine() throws Exception {
        home.edit("imapserver.xml", "<connectionBacklog>200</connectionBacklog>", "<connectionBacklog>200</connectionBacklg>");

        assertThatThrownBy(() -> InProcessServer.start(home))
            .isInstanceOf(StartupFailure.class)
            .hasMessageStartingWith("imapserver.xml: line ")
            .hasMessageContaining("not well-formed XML")
            .hasMessageContaining("connectionBacklog");
    }

    @Test
    void valueOfTheWrongTypeInAJamesFileNamesTheFileAndTheKey() throws Exception {
        home.edit("imapserver.xml", "<connectionBacklog>200</connectionBacklog>", "<connectionBacklog>lots</connectionBacklog>");

        assertThatThrownBy(() -> InProcessServer.start(home))
            .isInstanceOf(StartupFailure.class)
            .hasMessage("imapserver.xml: connectionBacklog: 'lots' is not a valid Integer");
    }

    @Test
    void invalidSyncStoreValueNamesTheFileAndTheKey() throws Exception {
        home.edit("syncstore.xml", "<sync>full</sync>", "<sync>sometimes</sync>");

        assertThatThrownBy(() -> InProcessServer.start(home))
            .isInstanceOf(StartupFailure.class)
            .hasMessage("syncstore.xml: sync: 'sometimes' is not one of [FULL, NORMAL, OFF]");
    }

    @Test
    void malformedBindAddressNamesTheFileAndTheKey() throws Exception {
        home.edit("pop3server.xml", "<bind>127.0.0.1:" + home.pop3Port + "</bind>", "<bind>127.0.0.1:pop</bind>");

        assertThatThrownBy(() -> InProcessServer.start(home))
            .isInstanceOf(StartupFailure.class)
            .hasMessage("pop3server.xml: bind: '127.0.0.1:pop' is not host:port (e.g. 0.0.0.0:143)");
    }

    @Test
    void jmapPortInUseNamesTheFileAndTheKey() throws Exception {
        try (ServerSocket occupied = new ServerSocket(home.jmapPort, 50, InetAddress.getLoopbackAddress())) {
            assertThatThrownBy(() -> InProcessServer.start(home))
                .isInstanceOf(StartupFailure.class)
                .hasMessage("jmap.properties: jmap.port: cannot listen on 127.0.0.1:" + home.jmapPort
                    + ": Address already in use (another process listens on this port)");
        }
    }

    @Test
    void jmapHostThatIsNoAddressNamesTheFileAndTheKey() throws Exception {
        home.edit("jmap.properties", "jmap.host=127.0.0.1", "jmap.host=no-such-host.invalid");

        assertThatThrownBy(() -> InProcessServer.start(home))
            .isInstanceOf(StartupFailure.class)
            .hasMessage("jmap.properties: jmap.host: 'no-such-host.invalid' is not an address of this host");
    }

    @Test
    void portInUseNamesTheFileAndTheAddress() throws Exception {
        try (ServerSocket occupied = new ServerSocket(home.imapPort, 50, InetAddress.getLoopbackAddress())) {
            assertThatThrownBy(() -> InProcessServer.start(home))
                .isInstanceOf(StartupFailure.class)
                .hasMessage("imapserver.xml: bind: cannot listen on 127.0.0.1:" + home.imapPort
                    + ": Address already in use (another process listens on this port)");
        }
        // Nothing was left holding the store or a port: the server starts once the port is free.
        InProcessServer.start(home).close();
    }
}
