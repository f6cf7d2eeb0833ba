package io.syncstore.it.load;

import java.util.ArrayList;
import java.util.List;

/** Runs N client threads until a deadline; a client whose connection fails counts an error and starts again. */
final class Clients {
    interface Loop {
        /**
         * Runs client number `client` (from 0) until System.nanoTime() passes deadline; returns false when the client
         * has finished a fixed amount of work earlier.
         */
        boolean run(int client, Latencies latencies, long deadline) throws Exception;
    }

    /** The result of one run: what the clients recorded, wall time and the server's CPU over it. */
    static final class Run {
        final Latencies latencies = new Latencies();
        double seconds;
        double cpuMillis;
    }

    private Clients() {
    }

    static Run run(LoadDriver driver, int clients, double seconds, Loop loop) throws InterruptedException {
        Run run = new Run();
        List<Thread> threads = new ArrayList<>();
        double cpuBefore = driver.cpuMillis();
        long start = System.nanoTime();
        long deadline = start + (long) (seconds * 1e9);
        for (int i = 0; i < clients; i++) {
            int client = i;
            Thread thread = new Thread(() -> {
                Latencies own = new Latencies();
                while (System.nanoTime() < deadline) {
                    try {
                        if (!loop.run(client, own, deadline)) {
                            break;
                        }
                    } catch (Exception e) {
                        own.error("CONNECTION");
                        System.err.println("client " + client + ": " + e);
                        sleep(100);
                    }
                }
                own.mergeInto(run.latencies);
            }, "load-client-" + i);
            thread.start();
            threads.add(thread);
        }
        for (Thread thread : threads) {
            thread.join();
        }
        run.seconds = (System.nanoTime() - start) / 1e9;
        run.cpuMillis = driver.cpuMillis() - cpuBefore;
        return run;
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
