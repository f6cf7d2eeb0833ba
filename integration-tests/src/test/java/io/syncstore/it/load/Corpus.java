package io.syncstore.it.load;

import java.nio.charset.StandardCharsets;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Realistic messages from 2 to 100 KB: a 10-line header, a text body of English-like words, and for about 40% of the
 * messages from 20 KB up a base64 attachment (multipart/mixed). Every message is distinct, down to its attachment's
 * bytes (a unique first base64 line), so a store that shares identical bodies gains nothing from the corpus itself;
 * only {@link #sameMessage} deliveries (the 10-recipient corpus) repeat content.
 */
final class Corpus {
    private static final int[] SIZES_KB = {2, 3, 5, 8, 12, 20, 35, 60, 100};
    private static final String[] WORDS = ("the of and to in is that for it as was with be by on not he this are or his "
            + "from at which but have an they you were her she there been one all we their has would when if so no "
            + "will more about can said up out them into some could time other than then only new its these two may "
            + "first any like now my such over also back after use our how well way even because good each those "
            + "people very most much before must through right too between down should state under while last "
            + "meeting budget report project quarter review schedule customer release invoice contract").split(" ");
    private static final String BASE64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    private static final AtomicLong SEQUENCE = new AtomicLong();

    private final Random random;
    private final String runId;

    Corpus(long seed) {
        random = new Random(seed);
        runId = Long.toString(System.currentTimeMillis(), 36);
    }

    /** A new distinct message of a size drawn from 2 to 100 KB. */
    byte[] next() {
        int kb = SIZES_KB[random.nextInt(SIZES_KB.length)];
        return message(kb * 1024, kb >= 20 && random.nextInt(10) < 4);
    }

    /** A small distinct message, about 2 KB, text only (to fill large mailboxes quickly). */
    byte[] small() {
        return message(2048, false);
    }

    byte[] message(int size, boolean attachment) {
        long id = SEQUENCE.incrementAndGet();
        StringBuilder m = new StringBuilder(size + 1024);
        String subject = words(3 + random.nextInt(5));
        m.append("Return-Path: <sender").append(id % 97).append("@example.org>\r\n")
                .append("Message-ID: <").append(runId).append('.').append(id).append("@load.example.org>\r\n")
                .append("Date: Fri, 27 Nov 2026 12:").append(String.format("%02d:%02d", id % 60, (id / 60) % 60))
                .append(" +0000\r\n")
                .append("From: Sender ").append(id % 97).append(" <sender").append(id % 97).append("@example.org>\r\n")
                .append("To: Recipient <user@bench.test>\r\n")
                .append("Subject: ").append(subject).append(" #").append(id).append("\r\n")
                .append("MIME-Version: 1.0\r\n")
                .append("X-Load-Id: ").append(runId).append('-').append(id).append("\r\n");
        if (attachment) {
            String boundary = "=_b" + runId + id;
            m.append("Content-Type: multipart/mixed; boundary=\"").append(boundary).append("\"\r\n\r\n")
                    .append("--").append(boundary).append("\r\nContent-Type: text/plain; charset=us-ascii\r\n\r\n");
            text(m, "message " + id, size / 5);
            m.append("--").append(boundary).append("\r\nContent-Type: application/pdf; name=\"doc").append(id)
                    .append(".pdf\"\r\nContent-Transfer-Encoding: base64\r\nContent-Disposition: attachment; ")
                    .append("filename=\"doc").append(id).append(".pdf\"\r\n\r\n");
            base64(m, id, size - m.length() - 64);
            m.append("--").append(boundary).append("--\r\n");
        } else {
            m.append("Content-Type: text/plain; charset=us-ascii\r\n\r\n");
            text(m, "message " + id, size - m.length());
        }
        return m.toString().getBytes(StandardCharsets.US_ASCII);
    }

    private void text(StringBuilder m, String first, int bytes) {
        int end = m.length() + Math.max(bytes, 40);
        m.append(first).append("\r\n");
        while (m.length() < end) {
            int lineEnd = m.length() + 60 + random.nextInt(12);
            while (m.length() < lineEnd) {
                m.append(WORDS[random.nextInt(WORDS.length)]).append(' ');
            }
            m.append("\r\n");
        }
    }

    private void base64(StringBuilder m, long id, int bytes) {
        String unique = Long.toString(id, 36) + runId;
        StringBuilder first = new StringBuilder(76);
        for (int i = 0; i < 76; i++) {
            first.append(i < unique.length() && Character.isLetterOrDigit(unique.charAt(i)) ? unique.charAt(i) : 'A');
        }
        m.append(first).append("\r\n");
        int end = m.length() + Math.max(bytes, 80);
        char[] line = new char[76];
        while (m.length() < end) {
            for (int i = 0; i < line.length; i++) {
                line[i] = BASE64.charAt(random.nextInt(64));
            }
            m.append(line).append("\r\n");
        }
    }

    private String words(int count) {
        StringBuilder result = new StringBuilder();
        for (int i = 0; i < count; i++) {
            result.append(i == 0 ? "" : " ").append(WORDS[random.nextInt(WORDS.length)]);
        }
        return result.toString();
    }
}
