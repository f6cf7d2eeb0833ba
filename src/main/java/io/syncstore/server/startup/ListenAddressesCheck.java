package io.syncstore.server.startup;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import javax.inject.Inject;

import org.apache.commons.configuration2.Configuration;
import org.apache.commons.configuration2.ex.ConfigurationException;
import org.apache.commons.lang3.StringUtils;
import org.apache.james.lifecycle.api.StartUpCheck;
import org.apache.james.server.core.configuration.ConfigurationProvider;
import org.apache.james.utils.PropertiesProvider;
import org.apache.james.webadmin.WebAdminConfiguration;
import org.apache.james.webadmin.WebAdminServer;

import io.syncstore.config.ConfigurationError;
import io.syncstore.server.jmap.JmapListener;

/**
 * Tries every address that an enabled server will listen on before James binds any, so that a port already in use
 * or a privileged port stops start-up with the file and the address instead of Netty's bare "Address already in use".
 */
public class ListenAddressesCheck implements StartUpCheck {
    public static final String NAME = "listen-addresses";
    private static final int HIGHEST_PRIVILEGED_PORT = 1023;

    private final ConfigurationProvider configurationProvider;
    private final PropertiesProvider propertiesProvider;

    @Inject
    public ListenAddressesCheck(ConfigurationProvider configurationProvider, PropertiesProvider propertiesProvider) {
        this.configurationProvider = configurationProvider;
        this.propertiesProvider = propertiesProvider;
    }

    @Override
    public CheckResult check() {
        List<String> problems = new ArrayList<>();
        try {
            for (ProtocolServers.Server server : ProtocolServers.enabled(configurationProvider)) {
                String bind = server.configuration.getString("bind", "");
                for (String address : StringUtils.split(bind, ',')) {
                    problemBinding(server.fileName, "bind", parse(server.fileName, address)).ifPresent(problems::add);
                }
            }
            webAdminAddress().flatMap(address -> problemBinding("webadmin.properties", "port", address))
                .ifPresent(problems::add);
            jmapAddress().flatMap(address -> problemBinding(JmapListener.FILE, JmapListener.PORT, address))
                .ifPresent(problems::add);
        } catch (ConfigurationException e) {
            problems.add(e.getMessage());
        }
        return CheckResult.builder()
            .checkName(NAME)
            .resultType(problems.isEmpty() ? ResultType.GOOD : ResultType.BAD)
            .description(String.join("; ", problems))
            .build();
    }

    @Override
    public String checkName() {
        return NAME;
    }

    private Optional<InetSocketAddress> webAdminAddress() throws ConfigurationException {
        try {
            Configuration webadmin = propertiesProvider.getConfiguration("webadmin");
            if (!webadmin.getBoolean("enabled", false)) {
                return Optional.empty();
            }
            return Optional.of(new InetSocketAddress(webadmin.getString("host", WebAdminConfiguration.DEFAULT_HOST),
                webadmin.getInt("port", WebAdminServer.DEFAULT_PORT)));
        } catch (FileNotFoundException e) {
            return Optional.empty();
        }
    }

    private Optional<InetSocketAddress> jmapAddress() throws ConfigurationException {
        try {
            Configuration jmap = propertiesProvider.getConfiguration("jmap");
            if (!jmap.getBoolean("enabled", true)) {
                return Optional.empty();
            }
            return Optional.of(JmapListener.address(jmap));
        } catch (FileNotFoundException e) {
            return Optional.empty();
        }
    }

    private static InetSocketAddress parse(String fileName, String address) {
        String[] hostAndPort = StringUtils.split(address.trim(), ':');
        try {
            if (hostAndPort.length == 2) {
                return new InetSocketAddress(hostAndPort[0].trim(), Integer.parseInt(hostAndPort[1].trim()));
            }
        } catch (IllegalArgumentException e) {
            // reported below
        }
        throw new ConfigurationError(fileName, "bind", "'" + address.trim() + "' is not host:port (e.g. 0.0.0.0:143)");
    }

    private static Optional<String> problemBinding(String fileName, String key, InetSocketAddress address) {
        if (address.getPort() == 0) {
            return Optional.empty();
        }
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(address);
            return Optional.empty();
        } catch (IOException e) {
            String problem = "cannot listen on " + describe(address) + ": " + e.getMessage() + hint(address, e);
            return Optional.of(new ConfigurationError(fileName, key, problem).getMessage());
        }
    }

    private static String hint(InetSocketAddress address, IOException e) {
        if (String.valueOf(e.getMessage()).contains("Address already in use")) {
            return " (another process listens on this port)";
        }
        if (address.getPort() <= HIGHEST_PRIVILEGED_PORT && String.valueOf(e.getMessage()).contains("Permission denied")) {
            return " (ports below 1024 need root or the CAP_NET_BIND_SERVICE capability)";
        }
        return "";
    }

    private static String describe(InetSocketAddress address) {
        return address.getHostString() + ":" + address.getPort();
    }
}
