package org.audiostream.bench;

import com.sun.management.OperatingSystemMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * Compares RTP socket I/O designs on loopback (DESIGN.md §4 rule 5): for each N, runs design A
 * (the clock thread drains each call's non-blocking socket per tick) and design B (a Netty event
 * loop feeding per-call SPSC queues that the tick thread drains) against an in-process load sender,
 * and reports the gateway side's CPU time per packet handled (process CPU minus the sender thread's,
 * over received + sent packets), end-to-end packet loss and tick lateness p50/p99.
 * Usage (through {@code ./audio-stream bench rtpio}): {@code [-n 100,500,1000] [-w 3] [-d 10]} for the
 * call counts, warm-up and measured seconds.
 *
 * <p>Threads: the main thread runs the configurations one after another and only samples counters
 * and CPU clocks; the design and the sender run on their own threads (see those classes).
 */
final class RtpIoBenchmark {

    private static final String HEADING = "## RTP socket I/O";

    private RtpIoBenchmark() {
    }

    /** Runs every configuration and appends one row per configuration to {@code docs}. */
    static void run(Path docs, String[] args) throws Exception {
        int[] counts = {100, 500, 1000};
        int warmupSeconds = 3;
        int measureSeconds = 10;
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "-n" -> counts = Arrays.stream(args[i + 1].split(",")).mapToInt(Integer::parseInt).toArray();
                case "-w" -> warmupSeconds = Integer.parseInt(args[i + 1]);
                case "-d" -> measureSeconds = Integer.parseInt(args[i + 1]);
                default -> throw new IllegalArgumentException("unknown option " + args[i] + "; known: -n -w -d");
            }
        }
        List<String> rows = new ArrayList<>();
        for (int n : counts) {
            List<Supplier<RtpIoDesign>> designs = List.of(ShardDrainRtpIo::new, NettyQueueRtpIo::new);
            for (Supplier<RtpIoDesign> design : designs) {
                String row = measure(design.get(), n, warmupSeconds, measureSeconds);
                rows.add(row);
                BenchMain.appendRow(docs, HEADING, row);
                System.out.println(row);
            }
        }
        System.out.println("RTP I/O rows appended to " + docs + ":\n" + String.join("\n", rows));
    }

    private static String measure(RtpIoDesign design, int n, int warmupSeconds, int measureSeconds)
            throws Exception {
        OperatingSystemMXBean os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        try (design) {
            List<InetSocketAddress> addresses = design.bind(n);
            try (RtpLoadSender sender = new RtpLoadSender(addresses)) {
                design.start(sender.addresses());
                sender.start();
                Thread.sleep(warmupSeconds * 1000L);

                design.recordLateness(true);
                long wall0 = System.nanoTime();
                long cpu0 = os.getProcessCpuTime();
                long senderCpu0 = threads.getThreadCpuTime(sender.threadId());
                List<Long> ioThreads = design.ioThreadIds();
                long[] io0 = ioThreads.stream().mapToLong(threads::getThreadCpuTime).toArray();
                long packets0 = design.received() + design.sent();
                long senderPackets0 = sender.sent() + sender.received();
                Thread.sleep(measureSeconds * 1000L);
                long wall1 = System.nanoTime();
                long cpu1 = os.getProcessCpuTime();
                long senderCpu1 = threads.getThreadCpuTime(sender.threadId());
                long[] io1 = ioThreads.stream().mapToLong(threads::getThreadCpuTime).toArray();
                long packets1 = design.received() + design.sent();
                long senderPackets1 = sender.sent() + sender.received();
                design.recordLateness(false);

                // quiesce: let every packet in flight arrive before counting loss over the whole run
                sender.stopSending();
                Thread.sleep(100);
                design.stop();
                Thread.sleep(100);
                sender.close();

                double gatewayCpu = (cpu1 - cpu0) - (senderCpu1 - senderCpu0);
                double usPerPacket = gatewayCpu / (packets1 - packets0) / 1000.0;
                StringBuilder perThread = new StringBuilder();
                double ioCpu = 0;
                for (int t = 0; t < io0.length; t++) {
                    ioCpu += io1[t] - io0[t];
                    perThread.append(String.format(Locale.ROOT, " %.2f", (io1[t] - io0[t]) / 1000.0 / (packets1 - packets0)));
                }
                double ioUsPerPacket = ioCpu / 1000.0 / (packets1 - packets0);
                double corePercent = 100.0 * gatewayCpu / (wall1 - wall0);
                double senderUsPerPacket = (senderCpu1 - senderCpu0) / 1000.0 / (senderPackets1 - senderPackets0);
                long lostIn = sender.sent() - design.received();
                long lostOut = design.sent() - sender.received();
                double lossPercent = 100.0 * (lostIn + lostOut) / (sender.sent() + design.sent());
                long[] lateness = design.sortedLateness();
                System.out.printf(Locale.ROOT, "N=%d %s: %.2f us/packet (I/O threads: tick[, loop]%s), gateway %.1f %% of a core, sender %.2f us/packet,"
                                + " lost in %d of %d, lost out %d of %d%n", n, design, usPerPacket, perThread, corePercent,
                        senderUsPerPacket, lostIn, sender.sent(), lostOut, design.sent());
                return String.join(" | ", "", LocalDate.now().toString(), BenchMain.machine(),
                        "JDK " + Runtime.version().feature() + " (" + Runtime.version() + ")", BenchMain.gcName(),
                        Integer.toString(n), design.name(), String.format(Locale.ROOT, "%.2f", usPerPacket),
                        String.format(Locale.ROOT, "%.2f", ioUsPerPacket),
                        String.format(Locale.ROOT, "%.1f", corePercent), String.format(Locale.ROOT, "%.3f", lossPercent),
                        micros(percentile(lateness, 50)), micros(percentile(lateness, 99)), "").trim();
            }
        }
    }

    private static long percentile(long[] sorted, double p) {
        if (sorted.length == 0) {
            return -1;
        }
        int index = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
    }

    private static String micros(long nanos) {
        return nanos < 0 ? "n/a" : Long.toString(Math.round(nanos / 1000.0));
    }
}
