package io.syncstore.imap;

import static org.apache.james.data.UsersRepositoryModuleChooser.Implementation.DEFAULT;

import org.apache.james.JamesServerBuilder;
import org.apache.james.JamesServerExtension;
import org.apache.james.MemoryJamesConfiguration;
import org.apache.james.MemoryJamesServerMain;

import com.google.inject.Module;

/**
 * A stock James 3.8.1 memory server, started once per test class, on the test resources' configuration: SyncStore's
 * IMAP package and module are its only additions.
 */
public final class MemoryTestServer {
    private MemoryTestServer() {
    }

    public static JamesServerExtension extension(Module overrides) {
        return new JamesServerBuilder<MemoryJamesConfiguration>(tmpDir ->
            MemoryJamesConfiguration.builder()
                .workingDirectory(tmpDir)
                .configurationFromClasspath()
                .usersRepository(DEFAULT)
                .build())
            .server(configuration -> MemoryJamesServerMain.createServer(configuration).overrideWith(overrides))
            .lifeCycle(JamesServerExtension.Lifecycle.PER_CLASS)
            .build();
    }
}
