package io.syncstore.imap;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;
import java.util.zip.Inflater;
import java.util.zip.InflaterInputStream;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;

/**
 * A line-based IMAP test client on a raw socket. A response is one logical line; a literal {n} is read whole and
 * kept inline, so a response that was split by anything written in the middle of a literal does not parse.
 */
public final class RawImapClient implements Closeable {
    private static final Pattern LITERAL = Pattern.compile("\\{(\\d+)\\+?}$");

    private Socket socket;
    private InputStream in;
    private OutputStream out;
    private int tags;
    private final AtomicLong wireOctets = new AtomicLong();

    public RawImapClient(int port) throws IOException {
        this(port, 0);
    }

    public RawImapClient(int port, int receiveBuffer) throws IOException {
        socket = new Socket();
        if (receiveBuffer > 0) {
            socket.setReceiveBufferSize(receiveBuffer);
        }
        socket.connect(new java.net.InetSocketAddress("127.0.0.1", port));
        socket.setSoTimeout(10_000);
        in = new BufferedInputStream(counted(socket.getInputStream()), 1 << 16);
        out = socket.getOutputStream();
        String greeting = readResponse();
        if (!greeting.startsWith("* OK")) {
            throw new IOException("Unexpected greeting " + greeting);
        }
    }

    /** STARTTLS, trusting the test server's self-signed certificate. */
    public RawImapClient startTls() throws IOException {
        List<String> lines = command("STARTTLS");
        if (!last(lines).contains("OK")) {
            throw new IOException("STARTTLS failed: " + lines);
        }
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, new TrustManager[] {new TrustingManager()}, null);
            SSLSocket tls = (SSLSocket) context.getSocketFactory().createSocket(socket, "127.0.0.1", socket.getPort(), true);
            tls.startHandshake();
            socket = tls;
            in = new BufferedInputStream(tls.getInputStream(), 1 << 16);
            out = tls.getOutputStream();
            return this;
        } catch (java.security.GeneralSecurityException e) {
            throw new IOException(e);
        }
    }

    private static final class TrustingManager implements X509TrustManager {
        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }

    public RawImapClient login(String user, String password) throws IOException {
        List<String> lines = command("LOGIN " + user + " " + password);
        if (!last(lines).contains("OK")) {
            throw new IOException("LOGIN failed: " + lines);
        }
        return this;
    }

    public static String last(List<String> lines) {
        return lines.get(lines.size() - 1);
    }

    /** COMPRESS DEFLATE (RFC 4978): after its OK, both directions are raw deflate streams, flushed at each write. */
    public List<String> compress() throws IOException {
        List<String> lines = command("COMPRESS DEFLATE");
        if (last(lines).matches("a\\d+ OK.*")) {
            in = new BufferedInputStream(new InflaterInputStream(in, new Inflater(true)), 1 << 16);
            out = new DeflaterOutputStream(out, new Deflater(Deflater.DEFAULT_COMPRESSION, true), true);
        }
        return lines;
    }

    /** Octets received from the socket so far, as they came on the wire (compressed or not). */
    public long wireOctetsRead() {
        return wireOctets.get();
    }

    private InputStream counted(InputStream raw) {
        return new FilterInputStream(raw) {
            @Override
            public int read() throws IOException {
                int b = super.read();
                if (b >= 0) {
                    wireOctets.incrementAndGet();
                }
                return b;
            }

            @Override
            public int read(byte[] buffer, int offset, int length) throws IOException {
                int n = super.read(buffer, offset, length);
                if (n > 0) {
                    wireOctets.addAndGet(n);
                }
                return n;
            }
        };
    }

    public String nextTag() {
        return "a" + (++tags);
    }

    /** Sends a tagged command and returns every response up to and including its tagged status. */
    public List<String> command(String command) throws IOException {
        String tag = nextTag();
        write(tag + " " + command + "\r\n");
        return readUntilTagged(tag);
    }

    public List<String> readUntilTagged(String tag) throws IOException {
        List<String> lines = new ArrayList<>();
        while (true) {
            String line;
            try {
                line = readResponse();
            } catch (IOException e) {
                throw new IOException("No " + tag + " response; got " + lines, e);
            }
            lines.add(line);
            if (line.startsWith(tag + " ")) {
                return lines;
            }
        }
    }

    public void write(String raw) throws IOException {
        write(raw.getBytes(StandardCharsets.UTF_8));
    }

    /** Octets as they are, for what a String cannot carry (octets that are not UTF-8). */
    public void write(byte[] raw) throws IOException {
        out.write(raw);
        out.flush();
    }

    /** Responses that arrive until {@code done} matches one of them (included); fails after the timeout. */
    public List<String> readUntil(Predicate<String> done, Duration timeout) throws IOException {
        long deadline = System.nanoTime() + timeout.toNanos();
        List<String> lines = new ArrayList<>();
        while (System.nanoTime() < deadline) {
            String line = readResponse();
            lines.add(line);
            if (done.test(line)) {
                return lines;
            }
        }
        throw new SocketTimeoutException("Nothing matched within " + timeout + "; got " + lines);
    }

    /** Whatever arrives until nothing came for {@code quiet}. */
    public List<String> readQuietly(Duration quiet) throws IOException {
        List<String> lines = new ArrayList<>();
        int timeout = socket.getSoTimeout();
        socket.setSoTimeout((int) quiet.toMillis());
        try {
            while (true) {
                lines.add(readResponse());
            }
        } catch (SocketTimeoutException e) {
            return lines;
        } finally {
            socket.setSoTimeout(timeout);
        }
    }

    public void setTimeout(Duration timeout) throws IOException {
        socket.setSoTimeout((int) timeout.toMillis());
    }

    /** One logical response: literals are read in full and kept inline (as text). */
    public String readResponse() throws IOException {
        StringBuilder response = new StringBuilder();
        while (true) {
            String line = readLine();
            response.append(line);
            Matcher matcher = LITERAL.matcher(line);
            if (!matcher.find()) {
                return response.toString();
            }
            int size = Integer.parseInt(matcher.group(1));
            byte[] literal = in.readNBytes(size);
            if (literal.length < size) {
                throw new IOException("Connection closed inside a literal");
            }
            response.append("\r\n").append(new String(literal, StandardCharsets.ISO_8859_1));
        }
    }

    private String readLine() throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int previous = -1;
        while (true) {
            int b = in.read();
            if (b == -1) {
                throw new IOException("Connection closed; partial line: " + line.toString(StandardCharsets.ISO_8859_1));
            }
            if (b == '\n' && previous == '\r') {
                byte[] bytes = line.toByteArray();
                return new String(bytes, 0, bytes.length - 1, StandardCharsets.ISO_8859_1);
            }
            line.write(b);
            previous = b;
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
