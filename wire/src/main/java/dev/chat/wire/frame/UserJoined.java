package dev.chat.wire.frame;

/** Event: {@code name} joined. */
@FrameType("user_joined")
public record UserJoined(String name) implements ServerFrame {
    public UserJoined {
        Ids.required("name", name);
    }
}
