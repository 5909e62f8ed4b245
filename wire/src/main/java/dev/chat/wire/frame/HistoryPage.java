package dev.chat.wire.frame;

import java.util.List;

/**
 * One page of past messages answering {@code re}, oldest first, each marked history; {@code more}
 * is true on every page but the last of one answer.
 */
@FrameType("history_page")
public record HistoryPage(long re, List<Message> messages, boolean more) implements ServerFrame, Reply {
    public HistoryPage {
        Ids.check("re", re);
        messages = List.copyOf(Ids.required("messages", messages));
    }
}
