package io.syncstore.server.jmap;

import static io.netty.handler.codec.http.HttpResponseStatus.BAD_REQUEST;
import static io.netty.handler.codec.http.HttpResponseStatus.NOT_FOUND;

import java.io.FileNotFoundException;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import javax.annotation.PreDestroy;
import javax.inject.Inject;

import org.apache.commons.configuration2.Configuration;
import org.apache.commons.configuration2.ex.ConfigurationException;
import org.apache.james.filesystem.api.FileSystem;
import org.apache.james.jmap.JMAPConfiguration;
import org.apache.james.jmap.JMAPRoute;
import org.apache.james.jmap.JMAPRoutesHandler;
import org.apache.james.jmap.JMAPServer;
import org.apache.james.jmap.JmapRouteTable;
import org.apache.james.jmap.VersionParser;
import org.apache.james.util.Port;
import org.apache.james.utils.PropertiesProvider;
import org.reactivestreams.Publisher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.syncstore.config.ConfigurationError;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;
import reactor.netty.http.server.HttpServerRequest;
import reactor.netty.http.server.HttpServerResponse;

/**
 * The HTTP listener of James's JMAP routes, in place of James's {@link JMAPServer} (which binds every interface in
 * plain HTTP): on the address {@link JmapListener} reads, in HTTPS off loopback. It is a {@code JMAPServer} because
 * James's JMAP module starts, and its probe asks, that type.
 */
public class SyncStoreJmapServer extends JMAPServer {
    private static final Logger LOGGER = LoggerFactory.getLogger(SyncStoreJmapServer.class);

    private final JMAPConfiguration configuration;
    private final JmapRouteTable routes;
    private final PropertiesProvider propertiesProvider;
    private final FileSystem fileSystem;
    private Optional<DisposableServer> server = Optional.empty();

    @Inject
    public SyncStoreJmapServer(JMAPConfiguration configuration, Set<JMAPRoutesHandler> handlers, VersionParser versionParser,
                               PropertiesProvider propertiesProvider, FileSystem fileSystem) {
        super(configuration, handlers, versionParser);
        this.configuration = configuration;
        this.routes = new JmapRouteTable(handlers, versionParser);
        this.propertiesProvider = propertiesProvider;
        this.fileSystem = fileSystem;
    }

    @Override
    public void start() {
        if (!configuration.isEnabled()) {
            return;
        }
        JmapListener listener = JmapListener.read(jmapProperties(), fileSystem);
        HttpServer http = HttpServer.create()
            .bindAddress(listener::address)
            .handle(this::handle);
        if (listener.tls().isPresent()) {
            http = http.secure(spec -> spec.sslContext(listener.tls().get()));
        }
        try {
            server = Optional.of(http.bindNow());
        } catch (RuntimeException e) {
            throw new ConfigurationError(JmapListener.FILE, JmapListener.PORT, "cannot listen on " + listener.describe() + ": " + e.getMessage(), e);
        }
        LOGGER.info("JMAP listens on {}", listener.describe());
    }

    private Configuration jmapProperties() {
        try {
            return propertiesProvider.getConfiguration("jmap");
        } catch (FileNotFoundException | ConfigurationException e) {
            throw new ConfigurationError(JmapListener.FILE, "(file)", "cannot be read: " + e.getMessage(), e);
        }
    }

    private Publisher<Void> handle(HttpServerRequest request, HttpServerResponse response) {
        List<JMAPRoute> candidates;
        try {
            candidates = routes.candidates(request);
        } catch (IllegalArgumentException unsupportedVersion) {
            return response.status(BAD_REQUEST).send();
        }
        return candidates.stream()
            .filter(route -> route.matches(request))
            .findFirst()
            .map(route -> route.getAction().handleRequest(request, response))
            .orElseGet(() -> response.status(NOT_FOUND).send());
    }

    @Override
    public Port getPort() {
        return server.map(bound -> Port.of(bound.port()))
            .orElseThrow(() -> new IllegalStateException("JMAP is not listening (disabled or not started)"));
    }

    @Override
    @PreDestroy
    public void stop() {
        server.ifPresent(DisposableServer::disposeNow);
        server = Optional.empty();
    }
}
