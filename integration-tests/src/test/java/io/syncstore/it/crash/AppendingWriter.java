package io.syncstore.it.crash;

import java.io.PrintStream;
import java.nio.file.Paths;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

import org.apache.james.mailbox.MessageUid;
import org.apache.james.mailbox.model.Mailbox;
import org.apache.james.mailbox.model.MessageMetaData;

/**
 * The process the crash test kills: appends from several threads and prints {@code ACK token uid sha256} for every
 * append that returned, so the parent knows what the store acknowledged; one more thread expunges messages it saw
 * appended, printing {@code EXPUNGING uid} before it asks. Runs until it is killed.
 */
public final class AppendingWriter {
    /** Bodies from 1 KiB to 160 KiB, so that some are stored inline and some in files. */
    private static final int MAX_BODY = 160 * 1024;

    private AppendingWriter() {
    }

    public static void main(String[] args) {
        int threads = Integer.parseInt(args[1]);
        String run = args[2];
        PrintStream out = System.out;
        CrashTestStore store = new CrashTestStore(Paths.get(args[0]));
        Mailbox inbox = store.inbox();
        AtomicLong sequence = new AtomicLong();
        BlockingQueue<MessageUid> appended = new LinkedBlockingQueue<>();
        for (int i = 0; i < threads; i++) {
            new Thread(() -> {
                while (true) {
                    String token = run + "-" + sequence.incrementAndGet();
                    byte[] content = CrashTestStore.content(token, ThreadLocalRandom.current().nextInt(1024, MAX_BODY));
                    try {
                        MessageMetaData added = store.messages.add(inbox, CrashTestStore.message(inbox, content));
                        if (added.getUid().asLong() % 3 == 0) {
                            appended.add(added.getUid());
                        }
                        synchronized (out) {
                            out.println("ACK " + token + " " + added.getUid().asLong() + " " + CrashTestStore.sha256(content));
                            out.flush();
                        }
                    } catch (Exception e) {
                        synchronized (out) {
                            out.println("FAILED " + token + " " + e);
                            out.flush();
                        }
                    }
                }
            }, "appender-" + i).start();
        }
        new Thread(() -> expunge(store, inbox, appended, out), "expunger").start();
    }

    private static void expunge(CrashTestStore store, Mailbox inbox, BlockingQueue<MessageUid> appended, PrintStream out) {
        while (true) {
            try {
                MessageUid uid = appended.take();
                synchronized (out) {
                    out.println("EXPUNGING " + uid.asLong());
                    out.flush();
                }
                store.messages.deleteMessages(inbox, List.of(uid));
            } catch (Exception e) {
                synchronized (out) {
                    out.println("FAILED expunge " + e);
                    out.flush();
                }
            }
        }
    }
}
