package dev.chat.wire.frame;

import com.google.gson.annotations.SerializedName;

/** What a {@link ClusterStatus} event says about the daemon's link to its cluster; the wire form is {@link #text()}. */
public enum ClusterState {
    /** The node lost its cluster: local users are served, new names and messages are refused. */
    @SerializedName("degraded") DEGRADED("degraded"),
    /** The node is back in its cluster: everything works again. */
    @SerializedName("ok") OK("ok");

    private final String text;

    ClusterState(String text) {
        this.text = text;
    }

    public String text() {
        return text;
    }
}
