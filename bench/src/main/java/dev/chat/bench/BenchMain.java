package dev.chat.bench;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code java -jar bench.jar chat|download ...}; the JMH codec benchmarks run through org.openjdk.jmh.Main. */
@Command(name = "bench", mixinStandardHelpOptions = true, subcommands = {ChatLoad.class, DownloadBench.class, Report.class},
        description = "Benchmark drivers for chatd: chat load (ours and IRC) and downloads.")
public final class BenchMain implements Runnable {
    public static void main(String[] args) {
        System.exit(new CommandLine(new BenchMain()).execute(args));
    }

    @Override
    public void run() {
        new CommandLine(this).usage(System.out);
    }
}
