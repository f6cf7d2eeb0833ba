package io.syncstore.server.imap;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

import org.apache.james.util.concurrent.NamedThreadFactory;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.google.common.collect.ImmutableList;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.ServerChannel;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollEventLoopGroup;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.util.concurrent.Future;

/**
 * A server's listening sockets and the event loops of its connections, on Linux's epoll through Netty's native
 * transport wherever it loads, on Java's NIO elsewhere: telling 1,000 idling connections of a change, one
 * {@code write} per connection, cost 0.85 of NIO's CPU (docs/benchmarks.md §6, sixteenth session).
 */
final class ListeningSockets {
    private static final Logger LOGGER = LoggerFactory.getLogger(ListeningSockets.class);

    private final List<Channel> listening = new ArrayList<>();
    private Optional<EventLoopGroup> bosses = Optional.empty();
    private EventLoopGroup workers;

    synchronized void bind(Settings settings, String name, ChannelInitializer<SocketChannel> connections,
                           Consumer<ServerBootstrap> options) throws InterruptedException {
        bosses = settings.bossThreads.map(count -> eventLoops(count, name + "-boss"));
        workers = eventLoops(settings.ioThreads, name + "-io");
        ServerBootstrap bootstrap = new ServerBootstrap()
            .channel(serverChannel())
            .childHandler(connections);
        bootstrap.group(bosses.orElse(workers), workers);
        options.accept(bootstrap);
        for (InetSocketAddress address : settings.addresses) {
            listening.add(bootstrap.bind(address).sync().channel());
        }
        LOGGER.info("{} listens on {} through {}", name, settings.addresses, Epoll.isAvailable() ? "epoll" : "Java NIO");
    }

    synchronized void unbind(Settings settings) throws InterruptedException {
        List<Future<?>> stopped = new ArrayList<>();
        bosses.ifPresent(group -> stopped.add(group.shutdownGracefully()));
        if (workers != null) {
            stopped.add(workers.shutdownGracefully());
        }
        listening.forEach(channel -> stopped.add(channel.close()));
        listening.clear();
        workers = null;
        if (settings.graceful) {
            for (Future<?> future : stopped) {
                future.await();
            }
        }
    }

    synchronized boolean isBound() {
        return !listening.isEmpty();
    }

    synchronized List<InetSocketAddress> addresses() {
        return listening.stream()
            .map(channel -> (InetSocketAddress) channel.localAddress())
            .collect(ImmutableList.toImmutableList());
    }

    private static EventLoopGroup eventLoops(int threads, String name) {
        NamedThreadFactory threadFactory = NamedThreadFactory.withName(name);
        return Epoll.isAvailable() ? new EpollEventLoopGroup(threads, threadFactory) : new NioEventLoopGroup(threads, threadFactory);
    }

    private static Class<? extends ServerChannel> serverChannel() {
        return Epoll.isAvailable() ? EpollServerSocketChannel.class : NioServerSocketChannel.class;
    }

    /** What James's configuration gave the server before it binds. */
    static final class Settings {
        private List<InetSocketAddress> addresses = List.of();
        private int ioThreads;
        private Optional<Integer> bossThreads = Optional.empty();
        private boolean graceful = true;

        void addresses(InetSocketAddress... addresses) {
            this.addresses = List.of(addresses);
        }

        void ioThreads(int count) {
            ioThreads = count;
        }

        void bossThreads(Optional<Integer> count) {
            bossThreads = count;
        }

        void graceful(boolean graceful) {
            this.graceful = graceful;
        }
    }
}
