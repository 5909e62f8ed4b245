package dev.chat.wire.frame;

import com.google.gson.annotations.SerializedName;

/**
 * How a download's bytes travel (the {@code protocol} field of {@link Download} and
 * {@link DownloadReady}): a TCP data connection or reliable UDP. The strict enum adapter reads any
 * other wire name as a bad frame.
 */
public enum Transport {
    @SerializedName("tcp") TCP("tcp"),
    @SerializedName("udp") UDP("udp");

    private final String wireName;

    Transport(String wireName) {
        this.wireName = wireName;
    }

    /** {@code "tcp"} or {@code "udp"}, as the frames carry it. */
    public String wireName() {
        return wireName;
    }
}
