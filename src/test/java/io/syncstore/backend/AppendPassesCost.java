package io.syncstore.backend;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.apache.james.mailbox.model.ByteSourceContent;
import org.apache.james.mailbox.model.Content;
import org.apache.james.mailbox.model.ParsedAttachment;
import org.apache.james.mailbox.store.mail.model.impl.MessageParser;
import org.apache.james.mailbox.store.mail.model.impl.MessageParser.ParsingResult;
import org.apache.james.mailbox.store.mail.utils.MimeMessageHeadersUtil;

import com.google.common.hash.Hashing;
import com.sun.management.ThreadMXBean;

import io.syncstore.backend.search.SearchIndexRows;
import io.syncstore.backend.search.SearchText;
import io.syncstore.mime.MessagePart;
import io.syncstore.mime.MessageSummary;
import io.syncstore.mime.SortingHeaders;

/**
 * The CPU each pass over a message costs while an APPEND prepares it (docs/benchmarks.md §9, fourteenth session): a
 * 3 KB text message as {@code append-writes.sh} sends it, a 60 KB message with two base64 attachments and a 35 KB text
 * of words as the load driver writes them, each pass timed alone, {@value #ROUNDS} times per message after as many;
 * then the summary and the sorting fields as 0a27649 computed them (the header walked twice) and from one walk. The
 * corpus serves {@code AppendedRowsTest} too.
 *
 * <p>{@code java -cp target/test-classes:target/classes:CLASSPATH io.syncstore.backend.AppendPassesCost}</p>
 */
public final class AppendPassesCost {
    private static final int ROUNDS = 3_000;

    private AppendPassesCost() {
    }

    interface Pass {
        long run(byte[] message) throws Exception;
    }

    public static void main(String[] args) throws Exception {
        Map<String, byte[]> messages = new LinkedHashMap<>();
        messages.put("3 KB text", text());
        messages.put("60 KB, two base64 attachments", withAttachments());
        messages.put("35 KB text of words (the load's corpus)", words(35 * 1024));
        MessageParser parser = new MessageParser();
        Map<String, Pass> passes = new LinkedHashMap<>();
        passes.put("IncomingMessage.read (mime4j: header, top body's lines)", message -> IncomingMessage.read(content(message)).bodyStartOctet());
        passes.put("James MessageParser (mime4j DOM), attachments hashed", message -> attachments(parser, message));
        passes.put("copies: readAllBytes, header, body + SHA-256 of the body", AppendPassesCost::copies);
        passes.put("MessageSummary.of (own walk, items, preview)", message -> MessageSummary.of(message).length);
        passes.put("SearchText.read (mime4j, decoded; after the write since the nineteenth session)", message -> SearchText.read(new ByteArrayInputStream(message)).body().length());
        passes.put("SearchIndexRows.entry (words; after the write too)", message -> SearchIndexRows.entry(
            SearchText.read(new ByteArrayInputStream(message))).hashCode());
        passes.put("SortingHeaders.ofHeader (header again)", message -> SortingHeaders.ofHeader(
            Arrays.copyOf(message, IncomingMessage.read(content(message)).bodyStartOctet())).baseSubject().length());
        passes.put("summary, then sorting fields from the header walked again (0a27649)", message -> {
            int headerSize = IncomingMessage.read(content(message)).bodyStartOctet();
            return MessageSummary.of(message).length + SortingHeaders.ofHeader(Arrays.copyOf(message, headerSize)).baseSubject().length();
        });
        passes.put("summary and sorting fields from one walk", message -> {
            int headerSize = IncomingMessage.read(content(message)).bodyStartOctet();
            MessagePart root = MessagePart.parse(message);
            SortingHeaders sorting = root.bodyStart == headerSize ? SortingHeaders.of(root.header::value)
                : SortingHeaders.ofHeader(Arrays.copyOf(message, headerSize));
            return MessageSummary.of(root).length + sorting.baseSubject().length();
        });
        passes.put("thread keys from the mime4j header", message -> threadKeys(IncomingMessage.read(content(message))));
        ThreadMXBean threads = (ThreadMXBean) ManagementFactory.getThreadMXBean();
        long thread = Thread.currentThread().getId();
        for (int pass = 0; pass < 2; pass++) {
            for (Map.Entry<String, byte[]> message : messages.entrySet()) {
                System.out.printf("pass %d, %s (%d bytes)%n", pass, message.getKey(), message.getValue().length);
                for (Map.Entry<String, Pass> step : passes.entrySet()) {
                    long kept = 0;
                    long cpu = threads.getThreadCpuTime(thread);
                    for (int round = 0; round < ROUNDS; round++) {
                        kept += step.getValue().run(message.getValue());
                    }
                    System.out.printf("  %-62s %8.2f us (%d)%n", step.getKey(),
                        (threads.getThreadCpuTime(thread) - cpu) / 1e3 / ROUNDS, kept);
                }
            }
        }
    }

    private static Content content(byte[] message) throws IOException {
        return ByteSourceContent.of(new ByteArrayInputStream(message));
    }

    private static long attachments(MessageParser parser, byte[] message) throws Exception {
        ParsingResult parsed = parser.retrieveAttachments(new ByteArrayInputStream(message));
        long size = 0;
        for (ParsedAttachment attachment : parsed.getAttachments()) {
            try (InputStream content = attachment.getContent().openStream()) {
                size += Hashing.sha256().hashBytes(content.readAllBytes()).asBytes().length;
            }
        }
        parsed.dispose();
        return size;
    }

    private static long copies(byte[] message) throws Exception {
        byte[] whole = new ByteArrayInputStream(message).readAllBytes();
        int headerSize = IncomingMessage.read(content(message)).bodyStartOctet();
        byte[] header = Arrays.copyOf(whole, headerSize);
        byte[] body = new ByteArrayInputStream(whole, headerSize, whole.length - headerSize).readAllBytes();
        return header.length + Hashing.sha256().hashBytes(body).asBytes().length;
    }

    private static long threadKeys(IncomingMessage incoming) {
        return MimeMessageHeadersUtil.parseMimeMessageId(incoming.header()).hashCode()
            + MimeMessageHeadersUtil.parseInReplyTo(incoming.header()).hashCode()
            + MimeMessageHeadersUtil.parseReferences(incoming.header()).hashCode()
            + MimeMessageHeadersUtil.parseSubject(incoming.header()).hashCode();
    }

    /** The message of {@code append-writes.sh}. */
    public static byte[] text() {
        StringBuilder body = new StringBuilder();
        for (int i = 0; i < 40; i++) {
            body.append("Line ").append(i).append(" of a plain text message, long enough to look like mail.\r\n");
        }
        return ("From: sender@bench.test\r\nTo: writer@bench.test\r\nSubject: message 1\r\n"
            + "Message-ID: <1.bench@bench.test>\r\nDate: Mon, 7 Dec 2026 03:00:00 +0000\r\n\r\n" + body)
            .getBytes(StandardCharsets.US_ASCII);
    }

    /** A text part and two base64 attachments of 20 KB each: 60 KB written. */
    public static byte[] withAttachments() {
        Random random = new Random(14);
        StringBuilder message = new StringBuilder("From: Sender <sender@bench.test>\r\nTo: writer@bench.test\r\n"
            + "Subject: two attachments\r\nMessage-ID: <2.bench@bench.test>\r\nDate: Mon, 7 Dec 2026 03:00:00 +0000\r\n"
            + "MIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=\"b1\"\r\n\r\n--b1\r\n"
            + "Content-Type: text/plain; charset=utf-8\r\n\r\n");
        for (int i = 0; i < 60; i++) {
            message.append("Line ").append(i).append(" of the text before the attachments, long enough to look like mail.\r\n");
        }
        for (String name : List.of("report.pdf", "photo.jpg")) {
            byte[] data = new byte[20 * 1024];
            random.nextBytes(data);
            message.append("--b1\r\nContent-Type: application/octet-stream; name=\"").append(name)
                .append("\"\r\nContent-Disposition: attachment; filename=\"").append(name)
                .append("\"\r\nContent-Transfer-Encoding: base64\r\n\r\n")
                .append(java.util.Base64.getMimeEncoder().encodeToString(data)).append("\r\n");
        }
        return message.append("--b1--\r\n").toString().getBytes(StandardCharsets.US_ASCII);
    }

    /** A text message of about that size made of English-like words, as the load driver's corpus writes them. */
    public static byte[] words(int size) {
        String[] words = ("the of and to in is that for it as was with be by on not he this are or his from at which "
            + "but have an they you were her she there meeting budget report project quarter review schedule customer "
            + "release invoice contract").split(" ");
        Random random = new Random(size);
        StringBuilder message = new StringBuilder("Message-ID: <3.bench@bench.test>\r\nDate: Mon, 7 Dec 2026 03:00:00 +0000\r\n"
            + "From: Sender 3 <sender3@example.org>\r\nTo: Recipient <user@bench.test>\r\nSubject: budget review #3\r\n"
            + "MIME-Version: 1.0\r\nContent-Type: text/plain; charset=us-ascii\r\n\r\n");
        while (message.length() < size) {
            int lineEnd = message.length() + 60 + random.nextInt(12);
            while (message.length() < lineEnd) {
                message.append(words[random.nextInt(words.length)]).append(' ');
            }
            message.append("\r\n");
        }
        return message.toString().getBytes(StandardCharsets.US_ASCII);
    }
}
