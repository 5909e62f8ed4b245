package dev.chat.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The used Java heap of another JVM after a full GC, through {@code jcmd} (GC.run, GC.heap_info). */
final class JavaHeap {
    private static final Pattern USED = Pattern.compile(", used (\\d+)K");

    private JavaHeap() {
    }

    /** Bytes used by all heap generations or regions after a GC, or -1 when jcmd fails. */
    static long usedAfterGc(Path jcmd, long pid) {
        try {
            run(jcmd, pid, "GC.run");
            String info = run(jcmd, pid, "GC.heap_info");
            long kib = 0;
            boolean found = false;
            for (String line : info.split("\n")) {
                // Top-level lines are the heap (G1) or its generations (Serial, Parallel); indented ones are parts.
                if (line.isEmpty() || Character.isWhitespace(line.charAt(0)) || line.contains("Metaspace")) {
                    continue;
                }
                Matcher m = USED.matcher(line);
                if (m.find()) {
                    kib += Long.parseLong(m.group(1));
                    found = true;
                }
            }
            return found ? kib * 1024 : -1;
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    private static String run(Path jcmd, long pid, String command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(jcmd.toString(), Long.toString(pid), command).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(30, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IOException("jcmd " + command + " timed out");
        }
        return output;
    }
}
