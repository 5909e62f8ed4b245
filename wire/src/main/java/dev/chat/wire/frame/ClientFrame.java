package dev.chat.wire.frame;

/** A frame a client sends to the daemon. */
public sealed interface ClientFrame extends Frame
        permits Hello, Send, ListUsers, ListFiles, Download, Fetch, Ping, Pong, Quit, Register, ChangePassword,
                HistoryRequest, Away {
}
