package dev.chat.wire.frame;

import com.google.gson.annotations.SerializedName;

/** Why a user left; the wire form is {@link #text()}. */
public enum LeaveReason {
    @SerializedName("quit") QUIT("quit"),
    @SerializedName("connection lost") CONNECTION_LOST("connection lost"),
    @SerializedName("timed out") TIMED_OUT("timed out"),
    @SerializedName("kicked: send queue full") KICKED_SEND_QUEUE_FULL("kicked: send queue full"),
    @SerializedName("kicked: protocol error") KICKED_PROTOCOL_ERROR("kicked: protocol error"),
    @SerializedName("server shutting down") SERVER_SHUTDOWN("server shutting down"),
    /** A login with the account's password took the name over (PROTOCOL.md 18.8). */
    @SerializedName("replaced") REPLACED("replaced");

    private final String text;

    LeaveReason(String text) {
        this.text = text;
    }

    public String text() {
        return text;
    }
}
