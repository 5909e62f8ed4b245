package dev.chat.wire.frame;

/** Event: {@code name} is away with {@code reason}, or back when the reason is null (absent). */
@FrameType("user_away")
public record UserAway(String name, @OptionalField String reason) implements ServerFrame {
    public UserAway {
        Ids.required("name", name);
    }

    public boolean isBack() {
        return reason == null;
    }
}
