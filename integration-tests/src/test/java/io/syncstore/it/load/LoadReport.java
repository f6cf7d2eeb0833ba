package io.syncstore.it.load;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Turns the RESULT and DISK lines of run-load.sh's results file into Markdown tables: per workload and server the
 * mean over rounds of ops/s, p50, p99 and CPU ms per operation (the ALL line), errors summed, with the ratios
 * SyncStore / James memory and SyncStore / Dovecot; then every operation of every round; then disk use per byte
 * delivered.
 */
public final class LoadReport {
    private static final String SYNCSTORE = "syncstore";
    private static final String JAMES = "james";
    private static final String DOVECOT = "dovecot";

    private LoadReport() {
    }

    public static void main(String[] args) throws Exception {
        List<String[]> results = new ArrayList<>();
        List<String[]> disks = new ArrayList<>();
        for (String line : Files.readAllLines(Path.of(args[0]))) {
            String[] f = line.split("\t", -1);
            if (f[0].equals("RESULT")) {
                results.add(f);
            } else if (f[0].equals("DISK")) {
                disks.add(f);
            } else if (f[0].equals("MACHINE")) {
                System.out.println("Machine: " + f[1] + "\n");
            } else if (f[0].equals("NOTE")) {
                System.out.println("Note: " + f[1] + "\n");
            }
        }
        summary(results);
        details(results);
        disk(results, disks);
    }

    /** Means over rounds of the ALL line: [ops/s, p50, p99, cpu/op, errors, rounds]. */
    private static Map<String, Map<String, double[]>> means(List<String[]> results) {
        Map<String, Map<String, double[]>> byWorkload = new LinkedHashMap<>();
        for (String[] f : results) {
            if (!f[4].startsWith("ALL")) {
                continue;
            }
            double[] m = byWorkload.computeIfAbsent(f[2], w -> new LinkedHashMap<>())
                    .computeIfAbsent(f[1], s -> new double[6]);
            m[0] += num(f[7]);
            m[1] += num(f[8]);
            m[2] += num(f[9]);
            m[3] += num(f[11]);
            m[4] += num(f[10]);
            m[5]++;
        }
        byWorkload.values().forEach(servers -> servers.values().forEach(m -> {
            for (int i = 0; i < 4; i++) {
                m[i] /= m[5];
            }
        }));
        return byWorkload;
    }

    private static void summary(List<String[]> results) {
        System.out.println("| workload | server | rounds | ops/s | p50 ms | p99 ms | errors | server CPU ms/op "
                + "| ops/s SyncStore/this | CPU/op SyncStore/this |");
        System.out.println("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|");
        means(results).forEach((workload, servers) -> {
            double[] own = servers.get(SYNCSTORE);
            servers.forEach((server, m) -> System.out.printf(Locale.ROOT,
                    "| %s | %s | %.0f | %s | %s | %s | %.0f | %s | %s | %s |%n", workload, server, m[5],
                    LoadDriver.fmt(m[0]), LoadDriver.fmt(m[1]), LoadDriver.fmt(m[2]), m[4], LoadDriver.fmt(m[3]),
                    ratio(server, own == null ? Double.NaN : own[0], m[0]),
                    ratio(server, own == null ? Double.NaN : own[3], m[3])));
        });
        System.out.println();
        System.out.println("Per workload, the operation is: APPEND, one APPEND; LMTP, one delivery to one recipient; "
                + "MIXED, any of the 13 commands of a session; APPEND_EXPUNGE, any of APPEND, UID STORE \\Deleted, EXPUNGE "
                + "(APPEND/s in the notes); DEFAULT_MIX, any of the 11 commands of a session; FILL, one APPEND into the big mailbox; BIGBOX, one "
                + "SELECT + UID FETCH 1:* (FLAGS); IDLE/NOTIFY, one change reaching one session (the CPU per change "
                + "is in the details); DEDUP, one message delivered to 10 recipients.");
        System.out.println();
    }

    private static void details(List<String[]> results) {
        System.out.println("| server | workload | round | operation | count | ops/s | p50 ms | p99 ms | errors "
                + "| CPU ms/op | notes |");
        System.out.println("|---|---|---|---|---:|---:|---:|---:|---:|---:|---|");
        for (String[] f : results) {
            System.out.printf("| %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s |%n", f[1], f[2], f[3], f[4],
                    f[5], f[7], f[8], f[9], f[10], f[11], f[12]);
        }
        System.out.println();
    }

    private static void disk(List<String[]> results, List<String[]> disks) {
        if (disks.isEmpty()) {
            return;
        }
        Map<String, Double> delivered = new LinkedHashMap<>();
        for (String[] f : results) {
            if (f[2].startsWith("DEDUP") && f[4].startsWith("ALL")) {
                for (String part : f[12].split(" ")) {
                    if (part.startsWith("delivered_bytes=")) {
                        delivered.put(f[1] + " " + f[2], Double.parseDouble(part.substring(16)));
                    }
                }
            }
        }
        System.out.println("| server | delivery | delivered bytes (10 recipients) | data growth, file sizes | per byte delivered "
                + "| allocated (du) growth | per byte delivered |");
        System.out.println("|---|---|---:|---:|---:|---:|---:|");
        Map<String, double[]> perByte = new LinkedHashMap<>();
        for (String[] f : disks) {
            // DISK server phase before-apparent before-allocated after-apparent after-allocated
            String key = f[1] + " " + f[2];
            if (f[3].equals("-") || !delivered.containsKey(key)) {
                continue;
            }
            double bytes = delivered.get(key);
            double apparent = num(f[5]) - num(f[3]);
            double allocated = num(f[6]) - num(f[4]);
            perByte.put(key, new double[] {apparent / bytes, allocated / bytes});
            System.out.printf(Locale.ROOT, "| %s | %s | %.0f | %.0f | %.3f | %.0f | %.3f |%n", f[1], f[2], bytes,
                    apparent, apparent / bytes, allocated, allocated / bytes);
        }
        for (String phase : new String[] {"DEDUP_LMTP", "DEDUP_APPEND"}) {
            double[] own = perByte.get(SYNCSTORE + " " + phase);
            double[] other = perByte.get(DOVECOT + " " + phase);
            if (own != null && other != null) {
                System.out.printf(Locale.ROOT, "%n%s: SyncStore / Dovecot, bytes on disk per byte delivered: %.3f "
                        + "(file sizes), %.3f (allocated)%n", phase, own[0] / other[0], own[1] / other[1]);
            }
        }
    }

    /** SyncStore's value over this server's, blank on SyncStore's own line, "-" where either is missing or 0. */
    private static String ratio(String server, double own, double other) {
        if (server.equals(SYNCSTORE)) {
            return "";
        }
        return Double.isNaN(own) || Double.isNaN(other) || other == 0 ? "-" : LoadDriver.fmt(own / other);
    }

    private static double num(String text) {
        return text.equals("-") || text.isEmpty() ? Double.NaN : Double.parseDouble(text);
    }
}
