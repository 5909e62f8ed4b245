package dev.chat.daemon;

import dev.chat.daemon.transfer.TransferService;

import java.util.Objects;

/**
 * The daemon-wide parts every connection works with, built once by {@link ChatServer}: its
 * configuration, the registry of joined users (with the history behind it), the router that
 * delivers messages, the shared-file catalog, the download service, the memory budget of
 * undelivered frames and the account rules. All are thread-safe; connections share them.
 */
record DaemonContext(DaemonConfig config, UserRegistry registry, Router router, FileCatalog files,
                     TransferService transfers, MemoryBudget budget, Logins logins) {
    DaemonContext {
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(registry, "registry");
        Objects.requireNonNull(router, "router");
        Objects.requireNonNull(files, "files");
        Objects.requireNonNull(transfers, "transfers");
        Objects.requireNonNull(budget, "budget");
        Objects.requireNonNull(logins, "logins");
    }

    History history() {
        return registry.history();
    }
}
