package io.syncstore.mime;

import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;

import com.sun.management.ThreadMXBean;

/**
 * What one ENVELOPE costs from a stored header of 20 fields, as a mailing-list message has: bytes allocated (exact,
 * from the JVM's per-thread counter) and CPU time, averaged over 200,000 after as many to warm up
 * (docs/benchmarks.md, section 9).
 *
 * <p>{@code java -cp target/test-classes:target/classes:CLASSPATH io.syncstore.mime.EnvelopeCost}</p>
 */
public final class EnvelopeCost {
    private static final String HEADER = "Return-Path: <bounce@lists.example.org>\r\n"
        + "Received: from mx.example.org (mx.example.org [192.0.2.1])\r\n\tby mail.example.com with ESMTPS id 123\r\n"
        + "\tfor <bob@example.com>; Sat, 5 Dec 2026 10:00:00 +0000\r\n"
        + "DKIM-Signature: v=1; a=rsa-sha256; d=example.org; s=s1; h=from:to:subject:date;\r\n"
        + "\tbh=abcdefghijklmnopqrstuvwxyz0123456789=; b=ABCDEFGHIJKLMNOPQRSTUVWXYZ\r\n"
        + "Message-ID: <1234.5678@example.org>\r\nDate: Sat, 5 Dec 2026 10:00:00 +0000\r\n"
        + "From: \"Ann Example\" <ann@example.org>\r\nTo: Bob <bob@example.com>, carol@example.com\r\n"
        + "Cc: Dave <dave@example.net>\r\nSubject: Re: the quarterly report\r\nIn-Reply-To: <1111.2222@example.com>\r\n"
        + "References: <1111.2222@example.com>\r\nMIME-Version: 1.0\r\n"
        + "Content-Type: multipart/alternative; boundary=\"b1\"\r\nList-Id: <list.example.org>\r\n"
        + "List-Unsubscribe: <mailto:leave@example.org>\r\nX-Mailer: Example 1.0\r\n\r\nbody\r\n";
    private static final int CALLS = 200_000;

    private EnvelopeCost() {
    }

    public static void main(String[] args) {
        byte[] message = HEADER.getBytes(StandardCharsets.US_ASCII);
        ThreadMXBean threads = (ThreadMXBean) ManagementFactory.getThreadMXBean();
        long thread = Thread.currentThread().getId();
        int kept = run(message);
        long bytesBefore = threads.getThreadAllocatedBytes(thread);
        long cpuBefore = threads.getThreadCpuTime(thread);
        kept += run(message);
        long bytes = threads.getThreadAllocatedBytes(thread) - bytesBefore;
        long cpu = threads.getThreadCpuTime(thread) - cpuBefore;
        System.out.printf("ENVELOPE: %d bytes allocated, %.2f us CPU per message (%d addresses)%n", bytes / CALLS,
            cpu / 1e3 / CALLS, kept / 2 / CALLS);
    }

    private static int run(byte[] message) {
        int addresses = 0;
        for (int i = 0; i < CALLS; i++) {
            addresses += Envelopes.of(HeaderBlock.parse(message, 0, message.length)).getTo().length;
        }
        return addresses;
    }
}
