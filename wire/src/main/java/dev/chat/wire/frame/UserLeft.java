package dev.chat.wire.frame;

/** Event: {@code name} left, and why. */
@FrameType("user_left")
public record UserLeft(String name, LeaveReason reason) implements ServerFrame {
    public UserLeft {
        Ids.required("name", name);
        Ids.required("reason", reason);
    }
}
