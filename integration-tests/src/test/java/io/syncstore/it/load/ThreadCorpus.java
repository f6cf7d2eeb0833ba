package io.syncstore.it.load;

import java.io.BufferedOutputStream;
import java.io.DataOutputStream;

/**
 * Writes the THREAD workload's messages 1 to N to standard output, each as a 4-byte big-endian length and its bytes,
 * for a fill outside IMAP (the root project's test-scope {@code MailboxFill}; docs/benchmarks.md §8, tenth session).
 */
public final class ThreadCorpus {
    private ThreadCorpus() {
    }

    public static void main(String[] args) throws Exception {
        int messages = Integer.parseInt(args[0]);
        try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(System.out, 1 << 16))) {
            for (int n = 1; n <= messages; n++) {
                byte[] message = ThreadLoad.message(n);
                out.writeInt(message.length);
                out.write(message);
            }
        }
    }
}
