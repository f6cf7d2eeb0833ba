package org.apache.james.jmap;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import io.netty.handler.codec.http.HttpMethod;
import reactor.netty.http.server.HttpServerRequest;

/**
 * SyncStore's: the routes James's JMAP modules contribute, chosen per request as James's JMAP server chooses them
 * (the version from the Accept header's {@code jmapVersion}, OPTIONS for every version). It lives in James's package
 * because James 3.8.1 keeps a handler's routes and the version parsing package-private.
 */
public final class JmapRouteTable {
    private final VersionParser versionParser;
    private final List<JMAPRoute> preflightRoutes;
    private final Map<Version, List<JMAPRoute>> routesByVersion;

    public JmapRouteTable(Set<JMAPRoutesHandler> handlers, VersionParser versionParser) {
        this.versionParser = versionParser;
        this.preflightRoutes = versionParser.getSupportedVersions().stream()
            .flatMap(version -> handlers.stream().flatMap(handler -> handler.routes(version)))
            .filter(JmapRouteTable::isPreflight)
            .collect(Collectors.toUnmodifiableList());
        this.routesByVersion = versionParser.getSupportedVersions().stream()
            .collect(Collectors.toUnmodifiableMap(version -> version, version -> handlers.stream()
                .flatMap(handler -> handler.routes(version))
                .filter(route -> !isPreflight(route))
                .collect(Collectors.toUnmodifiableList())));
    }

    /**
     * The routes a request may match, in the order they are tried.
     *
     * @throws IllegalArgumentException when the request asks for a version this server does not support
     */
    public List<JMAPRoute> candidates(HttpServerRequest request) {
        if (request.method().equals(HttpMethod.OPTIONS)) {
            return preflightRoutes;
        }
        return routesByVersion.get(versionParser.parseRequestVersionHeader(request));
    }

    private static boolean isPreflight(JMAPRoute route) {
        return route.getEndpoint().getMethod().equals(HttpMethod.OPTIONS);
    }
}
