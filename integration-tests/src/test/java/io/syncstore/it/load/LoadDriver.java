package io.syncstore.it.load;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The end-to-end IMAP load driver: N clients speaking IMAP (or LMTP) to any host:port. Prints, per operation, ops/s,
 * latency p50/p99 and errors, and the server's CPU time per operation when --pid names its process (tree; several,
 * comma-separated, for the nodes of one store whose ports --port lists, user n on the n-th port), and
 * appends the same as tab-separated RESULT lines to --out for {@link LoadReport}.
 *
 * <pre>
 * java -cp integration-tests/target/test-classes io.syncstore.it.load.LoadDriver --server syncstore \
 *     --host 127.0.0.1 --port 21143 --lmtp-port 21024 --user-prefix app --domain bench.test --users 10 \
 *     --clients 10 --seconds 30 --workload APPEND --pid 1234
 * </pre>
 */
public final class LoadDriver {
    String server = "server";
    String host = "127.0.0.1";
    /** IMAP ports: with several (nodes of one store), user n connects to the n-th, round robin. */
    int[] ports = {143};
    int lmtpPort;
    String userPrefix = "user";
    String domain = "bench.test";
    String password = "secret";
    int users = 10;
    int clients = 10;
    double seconds = 30;
    double warmup = 5;
    int messages = 100_000;
    int sessions = 100;
    int rounds = 40;
    int warmupRounds = 30;
    int populate = 300;
    String round = "1";
    long[] pids = {};
    Path out;
    Workload workload = Workload.APPEND;

    public static void main(String[] args) throws Exception {
        LoadDriver driver = new LoadDriver();
        driver.parse(args);
        switch (driver.workload) {
            case APPEND:
            case LMTP:
            case DEDUP:
                DeliveryLoad.run(driver);
                break;
            case APPEND_EXPUNGE:
                DeliveryLoad.appendExpunge(driver);
                break;
            case MIXED:
            case DEFAULT_MIX:
                MixedLoad.run(driver);
                break;
            case BIGBOX:
                BigMailboxLoad.run(driver);
                break;
            case IDLE:
            case IDLE_FLAGS:
            case NOTIFY:
                PushLoad.run(driver);
                break;
            case QRESYNC:
                QresyncLoad.run(driver);
                break;
            case FETCH:
                FetchLoad.run(driver);
                break;
            case SEARCH:
                SearchLoad.run(driver);
                break;
            case THREAD:
                ThreadLoad.run(driver);
                break;
            case MAIL_SEARCH:
                MailSearchLoad.run(driver);
                break;
            default:
                throw new IllegalArgumentException(driver.workload.name());
        }
        System.exit(0);
    }

    private void parse(String[] args) {
        for (int i = 0; i < args.length; i += 2) {
            String value = args[i + 1];
            switch (args[i]) {
                case "--server": server = value; break;
                case "--host": host = value; break;
                case "--port": ports = Arrays.stream(value.split(",")).mapToInt(Integer::parseInt).toArray(); break;
                case "--lmtp-port": lmtpPort = Integer.parseInt(value); break;
                case "--user-prefix": userPrefix = value; break;
                case "--domain": domain = value; break;
                case "--password": password = value; break;
                case "--users": users = Integer.parseInt(value); break;
                case "--clients": clients = Integer.parseInt(value); break;
                case "--seconds": seconds = Double.parseDouble(value); break;
                case "--warmup": warmup = Double.parseDouble(value); break;
                case "--messages": messages = Integer.parseInt(value); break;
                case "--sessions": sessions = Integer.parseInt(value); break;
                case "--rounds": rounds = Integer.parseInt(value); break;
                case "--warmup-rounds": warmupRounds = Integer.parseInt(value); break;
                case "--populate": populate = Integer.parseInt(value); break;
                case "--round": round = value; break;
                case "--pid": pids = Arrays.stream(value.split(",")).mapToLong(Long::parseLong).toArray(); break;
                case "--out": out = Path.of(value); break;
                case "--workload": workload = Workload.valueOf(value.toUpperCase(Locale.ROOT)); break;
                default: throw new IllegalArgumentException("Unknown option " + args[i]);
            }
        }
    }

    /** User number n, from 1. */
    String user(int n) {
        return userPrefix + n + (domain.isEmpty() ? "" : "@" + domain);
    }

    ImapConnection login(int n) throws IOException {
        return ImapConnection.login(host, ports[(n - 1) % ports.length], user(n), password);
    }

    /** A connection of user 1 on the last port: with several nodes, changes made on another node than user 1's. */
    ImapConnection loginElsewhere() throws IOException {
        return ImapConnection.login(host, ports[ports.length - 1], user(1), password);
    }

    double cpuMillis() {
        return Arrays.stream(pids).mapToDouble(ProcessCpu::treeMillis).sum();
    }

    /**
     * Reports a measured phase: one line per operation and an ALL line with the CPU per operation (all operations
     * counted, errors excluded). extra is free text kept at the end of the RESULT line.
     */
    void report(String phase, Latencies latencies, double elapsedSeconds, double cpuMillis, String extra) {
        report(phase, latencies, elapsedSeconds, cpuMillis, extra, null);
    }

    /** The same, with the ALL line standing for one operation, unit (e.g. OPEN of the BIGBOX workload), if not null. */
    void report(String phase, Latencies latencies, double elapsedSeconds, double cpuMillis, String extra, String unit) {
        List<String> lines = new ArrayList<>();
        for (Map.Entry<String, Latencies.Series> entry : latencies.series().entrySet()) {
            lines.add(line(phase, entry.getKey(), entry.getValue(), elapsedSeconds, Double.NaN, ""));
        }
        Latencies.Series all = unit == null || !latencies.series().containsKey(unit) ? latencies.all()
                : latencies.series().get(unit);
        double cpuPerOp = all.size == 0 ? Double.NaN : cpuMillis / all.size;
        // the machine may be shared: every number carries the load average at its end
        extra = (extra.isEmpty() ? "" : extra + " ") + "load=" + loadAverage();
        lines.add(line(phase, unit == null ? "ALL" : "ALL=" + unit, all, elapsedSeconds, cpuPerOp, extra));
        System.out.printf("%-10s %-8s %-9s %-16s %8s %9s %9s %9s %7s %9s  %s%n", "server", "workload", "round",
                "operation", "count", "ops/s", "p50 ms", "p99 ms", "errors", "CPU ms/op", "");
        for (String line : lines) {
            String[] f = line.split("\t", -1);
            System.out.printf("%-10s %-8s %-9s %-16s %8s %9s %9s %9s %7s %9s  %s%n", f[1], f[2], f[3], f[4], f[5],
                    f[7], f[8], f[9], f[10], f[11], f[12]);
        }
        System.out.printf("server CPU %.0f ms over %.1f s%n%n", cpuMillis, elapsedSeconds);
        if (out != null) {
            try {
                Files.write(out, lines, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
        } catch (IOException e) {
            return "-";
        }
    }

    private String line(String phase, String operation, Latencies.Series s, double elapsed, double cpuPerOp,
                        String extra) {
        return String.join("\t", "RESULT", server, phase, round, operation, Long.toString(s.size),
                fmt(elapsed), fmt(s.size / elapsed), fmt(s.percentileMillis(50)), fmt(s.percentileMillis(99)),
                Long.toString(s.errors), fmt(cpuPerOp), extra);
    }

    static String fmt(double value) {
        return Double.isNaN(value) ? "-" : String.format(Locale.ROOT, value >= 100 ? "%.0f" : "%.3g", value);
    }
}
