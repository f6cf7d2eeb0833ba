package io.syncstore.it.load;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedSelectorException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.util.Iterator;
import java.util.List;

/**
 * The lines that many connections receive, read by one selector thread, the way an event-driven load tool (Dovecot's
 * imaptest) reads its sessions. One blocking thread per connection made the client, not the server, the larger cost
 * of a push to 1,000 connections on a 2-core machine: each change woke 1,000 threads (docs/benchmarks.md, section 6).
 * Lines only: the pushes it reads carry no literal.
 */
final class SessionLines implements Closeable {
    interface Handler {
        void line(int session, String line);
    }

    private final Selector selector;
    private final Handler handler;
    private final Thread thread;

    SessionLines(List<SocketChannel> channels, Handler handler) throws IOException {
        this.selector = Selector.open();
        this.handler = handler;
        for (int i = 0; i < channels.size(); i++) {
            SocketChannel channel = channels.get(i);
            channel.configureBlocking(false);
            channel.register(selector, SelectionKey.OP_READ, new Session(i));
        }
        thread = new Thread(this::run, "session-lines");
        thread.setDaemon(true);
        thread.start();
    }

    private void run() {
        ByteBuffer buffer = ByteBuffer.allocate(64 * 1024);
        try {
            while (selector.isOpen()) {
                selector.select();
                Iterator<SelectionKey> ready = selector.selectedKeys().iterator();
                while (ready.hasNext()) {
                    SelectionKey key = ready.next();
                    ready.remove();
                    read(key, buffer);
                }
            }
        } catch (ClosedSelectorException closed) {
            // closed at the end
        } catch (IOException | RuntimeException e) {
            // said aloud: the rounds after this would otherwise only count as missed
            System.err.println("session-lines: reading stopped: " + e);
            e.printStackTrace();
        }
    }

    private void read(SelectionKey key, ByteBuffer buffer) throws IOException {
        Session session = (Session) key.attachment();
        buffer.clear();
        int read = ((SocketChannel) key.channel()).read(buffer);
        if (read < 0) {
            key.cancel();
            return;
        }
        for (int i = 0; i < read; i++) {
            char c = (char) (buffer.get(i) & 0xff);
            if (c == '\n') {
                int length = session.line.length();
                if (length > 0 && session.line.charAt(length - 1) == '\r') {
                    session.line.setLength(length - 1);
                }
                handler.line(session.index, session.line.toString());
                session.line.setLength(0);
            } else {
                session.line.append(c);
            }
        }
    }

    @Override
    public void close() throws IOException {
        selector.close();
    }

    private static final class Session {
        final int index;
        final StringBuilder line = new StringBuilder(64);

        Session(int index) {
            this.index = index;
        }
    }
}
