package dev.chat.wire.frame;

/** A frame the daemon sends to a client: a reply (it carries {@code re}) or an event (it does not). */
public sealed interface ServerFrame extends Frame
        permits Welcome, Sent, UserList, FileList, DownloadReady, DataHeader, Bye, ErrorFrame,
                Message, UserJoined, UserLeft, Shutdown, ClusterStatus, TransferStats, Ping, Pong, Ok, HistoryPage,
                UserAway {
}
