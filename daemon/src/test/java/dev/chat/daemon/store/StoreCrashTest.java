package dev.chat.daemon.store;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * kill -9 of a process in the middle of a stream of appends: the database opens, it passes SQLite's
 * integrity check, and every id whose append was acknowledged is there exactly once. Because groups
 * commit whole and in order, what survives is a gap-free run of ids, and the next run continues it.
 */
@Timeout(180)
class StoreCrashTest {
    private static final int ROUNDS = 4;

    @TempDir
    Path dir;

    @Test
    void everyAcknowledgedAppendSurvivesKillNineExactlyOnce() throws Exception {
        long seed = System.nanoTime();
        Random random = new Random(seed);
        long next = 1;
        Set<Long> ackedEver = new HashSet<>();
        for (int round = 0; round < ROUNDS; round++) {
            int killAfter = 20 + random.nextInt(3000);
            List<Long> acked = runAndKill(next, killAfter);
            ackedEver.addAll(acked);
            List<Long> stored = storedIds();
            String context = "seed " + seed + ", round " + round + ", killed after " + acked.size() + " acks";
            assertEquals(new HashSet<>(stored).size(), stored.size(), "no id twice: " + context);
            assertTrue(stored.containsAll(ackedEver), "every acknowledged id is stored: " + context);
            for (int i = 0; i < stored.size(); i++) {
                assertEquals(i + 1, stored.get(i), "ids run 1..n without a gap: " + context);
            }
            assertEquals("ok", integrityCheck(), context);
            System.out.println("kill -9 round " + round + ": " + acked.size() + " acked, " + stored.size()
                    + " stored in all");
            next = stored.size() + 1;
        }
        assertTrue(ackedEver.size() >= ROUNDS * 20L);
    }

    /** Starts the writer, reads acks until {@code killAfter}, kills it with SIGKILL, returns all acks read. */
    private List<Long> runAndKill(long firstId, int killAfter) throws IOException, InterruptedException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process process = new ProcessBuilder(java, "--enable-native-access=ALL-UNNAMED", "-cp",
                System.getProperty("java.class.path"), StoreCrashWriter.class.getName(), dir.toString(),
                Long.toString(firstId)).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        List<Long> acked = new ArrayList<>();
        try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8))) {
            String line = in.readLine();
            assertEquals("open", line, "the writer opened the database");
            while (acked.size() < killAfter && (line = in.readLine()) != null) {
                acked.add(Long.parseLong(line));
            }
            process.toHandle().destroyForcibly(); // SIGKILL; the handle (unlike Process) leaves stdout open
            assertTrue(process.waitFor(20, TimeUnit.SECONDS));
            // Acks printed before the kill: a cut-off last line is not an ack the test saw whole.
            while ((line = in.readLine()) != null) {
                if (line.matches("\\d+")) {
                    acked.add(Long.parseLong(line));
                }
            }
        } finally {
            process.destroyForcibly();
        }
        return acked;
    }

    private List<Long> storedIds() {
        List<Long> ids = new ArrayList<>();
        try (SqliteStore store = SqliteStore.open(dir, StoreSettings.DEFAULTS)) {
            List<RoomMessage> page;
            long after = 0;
            while (!(page = store.roomAfter("lobby", after, ChatStore.MAX_PAGE)).isEmpty()) {
                page.forEach(m -> ids.add(m.id()));
                after = page.getLast().id();
            }
        }
        return ids;
    }

    private String integrityCheck() throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve(SqliteStore.FILE_NAME));
             ResultSet rs = c.createStatement().executeQuery("PRAGMA integrity_check")) {
            rs.next();
            return rs.getString(1);
        }
    }
}
