package dev.chat.daemon.store;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.Semaphore;

/**
 * Run in a separate JVM by {@link StoreCrashTest}, which kills it with SIGKILL: appends room
 * messages with ids from {@code args[1]} on, up to 256 in flight, and prints each id once its append
 * was acknowledged (committed). Stops by itself after 60 s so a leaked process ends.
 */
public final class StoreCrashWriter {
    private StoreCrashWriter() {
    }

    public static void main(String[] args) throws InterruptedException {
        SqliteStore store = SqliteStore.open(Path.of(args[0]), StoreSettings.DEFAULTS);
        PrintStream out = System.out;
        out.println("open");
        out.flush();
        Semaphore inFlight = new Semaphore(256);
        long deadline = System.nanoTime() + 60_000_000_000L;
        for (long id = Long.parseLong(args[1]); System.nanoTime() < deadline; id++) {
            inFlight.acquire();
            long acked = id;
            store.appendRoom(new RoomMessage("lobby", id, "crash", "message " + id, Instant.now()))
                    .whenComplete((ok, failure) -> {
                        if (failure == null) {
                            synchronized (out) {
                                out.println(acked);
                                out.flush();
                            }
                        }
                        inFlight.release();
                    });
        }
        store.close();
    }
}
