package dev.chat.client;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

/** The one scheduler thread that reports every download's progress in this JVM (a daemon thread). */
final class ProgressScheduler {
    private static final ScheduledExecutorService SCHEDULER = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "chat-download-progress");
        t.setDaemon(true);
        return t;
    });

    private ProgressScheduler() {
    }

    static ScheduledExecutorService scheduler() {
        return SCHEDULER;
    }
}
