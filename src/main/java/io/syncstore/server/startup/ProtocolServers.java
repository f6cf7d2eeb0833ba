package io.syncstore.server.startup;

import java.util.List;

import org.apache.commons.configuration2.HierarchicalConfiguration;
import org.apache.commons.configuration2.ex.ConfigurationException;
import org.apache.commons.configuration2.tree.ImmutableNode;
import org.apache.james.server.core.configuration.ConfigurationProvider;

import com.google.common.collect.ImmutableList;

/** The enabled servers that James's protocol configuration files declare, read as James's server factories read them. */
final class ProtocolServers {
    /** Each file, without its extension, holds its servers in elements of the same name. */
    static final List<String> FILES = List.of("imapserver", "smtpserver", "lmtpserver", "pop3server", "managesieveserver");

    static final class Server {
        final String fileName;
        final HierarchicalConfiguration<ImmutableNode> configuration;

        private Server(String fileName, HierarchicalConfiguration<ImmutableNode> configuration) {
            this.fileName = fileName;
            this.configuration = configuration;
        }
    }

    private ProtocolServers() {
    }

    static List<Server> enabled(ConfigurationProvider configurationProvider) throws ConfigurationException {
        ImmutableList.Builder<Server> servers = ImmutableList.builder();
        for (String file : FILES) {
            for (HierarchicalConfiguration<ImmutableNode> server : configurationProvider.getConfiguration(file).configurationsAt(file)) {
                if (server.getBoolean("[@enabled]", true)) {
                    servers.add(new Server(file + ".xml", server));
                }
            }
        }
        return servers.build();
    }
}
