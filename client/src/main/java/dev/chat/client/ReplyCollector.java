package dev.chat.client;

import dev.chat.wire.ErrorCode;
import dev.chat.wire.frame.Bye;
import dev.chat.wire.frame.DownloadReady;
import dev.chat.wire.frame.FileEntry;
import dev.chat.wire.frame.FileList;
import dev.chat.wire.frame.HistoryPage;
import dev.chat.wire.frame.Message;
import dev.chat.wire.frame.Ok;
import dev.chat.wire.frame.Pong;
import dev.chat.wire.frame.Sent;
import dev.chat.wire.frame.ServerFrame;
import dev.chat.wire.frame.UserList;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns the reply frame(s) of one request into its result. Called only on the reader thread, so
 * the page collectors keep plain lists.
 */
interface ReplyCollector<T> {
    /** Most entries one paged reply may assemble; a daemon sending more is broken or hostile. */
    int MAX_ENTRIES = 1_000_000;

    /**
     * Takes one reply frame; returns the result when the reply is complete, null when more pages
     * must follow.
     *
     * @throws ChatException {@code BAD_FRAME} when the frame is not a reply this request expects
     */
    T accept(ServerFrame frame) throws ChatException;

    static ReplyCollector<Sent> sent() {
        return frame -> expect(Sent.class, frame);
    }

    static ReplyCollector<DownloadReady> downloadReady() {
        return frame -> expect(DownloadReady.class, frame);
    }

    static ReplyCollector<Ok> ok() {
        return frame -> expect(Ok.class, frame);
    }

    /** The history pages of one request, assembled oldest first. */
    static ReplyCollector<List<Message>> history() {
        List<Message> messages = new ArrayList<>();
        return frame -> {
            HistoryPage page = expect(HistoryPage.class, frame);
            addPage(messages, page.messages());
            return page.more() ? null : List.copyOf(messages);
        };
    }

    static ReplyCollector<Bye> bye() {
        return frame -> expect(Bye.class, frame);
    }

    /** Measures the round trip from {@code startNanos} ({@link System#nanoTime()}) to the pong. */
    static ReplyCollector<Duration> pong(long startNanos) {
        return frame -> {
            expect(Pong.class, frame);
            return Duration.ofNanos(System.nanoTime() - startNanos);
        };
    }

    static ReplyCollector<List<String>> users() {
        List<String> users = new ArrayList<>();
        return frame -> {
            UserList page = expect(UserList.class, frame);
            addPage(users, page.users());
            return page.more() ? null : List.copyOf(users);
        };
    }

    static ReplyCollector<List<FileEntry>> files() {
        List<FileEntry> files = new ArrayList<>();
        return frame -> {
            FileList page = expect(FileList.class, frame);
            addPage(files, page.files());
            return page.more() ? null : List.copyOf(files);
        };
    }

    private static <E> void addPage(List<E> all, List<E> page) throws ChatException {
        if (all.size() + page.size() > MAX_ENTRIES) {
            throw new ChatException(ErrorCode.BAD_FRAME, "paged reply exceeds " + MAX_ENTRIES + " entries");
        }
        all.addAll(page);
    }

    private static <F> F expect(Class<F> type, ServerFrame frame) throws ChatException {
        if (!type.isInstance(frame)) {
            throw new ChatException(ErrorCode.BAD_FRAME,
                    "expected " + type.getSimpleName() + " reply, got " + frame.getClass().getSimpleName());
        }
        return type.cast(frame);
    }
}
