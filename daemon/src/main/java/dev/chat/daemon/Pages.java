package dev.chat.daemon;

import dev.chat.wire.Limits;
import dev.chat.wire.Utf8;
import dev.chat.wire.frame.AccountKind;
import dev.chat.wire.frame.FileEntry;
import dev.chat.wire.frame.FileList;
import dev.chat.wire.frame.HistoryPage;
import dev.chat.wire.frame.Message;
import dev.chat.wire.frame.ServerFrame;
import dev.chat.wire.frame.ServerLimits;
import dev.chat.wire.frame.UserList;
import dev.chat.wire.frame.Welcome;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Splits long replies into pages: the first frame, then continuation frames, the last with more=false. */
final class Pages {
    /** A file_list page stays far below a line: at most this many bytes of entries. */
    static final int FILE_PAGE_BYTES = 16 * 1024;
    static final int FILES_PER_PAGE = 256;
    /** JSON overhead of one file entry besides its name: keys, size digits, hash, punctuation. */
    private static final int FILE_ENTRY_OVERHEAD = 128;
    /** JSON of one history entry besides its strings: keys, ts, id, punctuation. */
    private static final int MESSAGE_ENTRY_OVERHEAD = 96;

    private Pages() {
    }

    /** The welcome with up to {@link Limits#USERS_PER_FRAME} users, then user_list pages with the rest. */
    static List<ServerFrame> welcome(long re, String name, List<String> users, String server, ServerLimits limits) {
        return welcome(re, name, users, server, limits, null, null, List.of());
    }

    /**
     * The welcome (with the account kind, the resume token and the count of history messages), its
     * user_list pages, then the history messages: all queued at once ahead of every live frame.
     */
    static List<ServerFrame> welcome(long re, String name, List<String> users, String server, ServerLimits limits,
                                     AccountKind account, String token, List<Message> history) {
        return welcome(re, name, users, Map.of(), server, limits, account, token, history);
    }

    /** As above, each page naming its away users ({@code away}: name to reason). */
    static List<ServerFrame> welcome(long re, String name, List<String> users, Map<String, String> away, String server,
                                     ServerLimits limits, AccountKind account, String token, List<Message> history) {
        List<List<String>> pages = split(users, Limits.USERS_PER_FRAME);
        List<ServerFrame> frames = new ArrayList<>(pages.size() + history.size());
        frames.add(new Welcome(re, name, pages.get(0), pages.size() > 1, server, Limits.PROTOCOL_VERSION, limits,
                account, token, history.isEmpty() ? null : history.size(), awayOf(pages.get(0), away)));
        for (int i = 1; i < pages.size(); i++) {
            frames.add(new UserList(re, pages.get(i), i < pages.size() - 1, awayOf(pages.get(i), away)));
        }
        frames.addAll(history);
        return frames;
    }

    /**
     * One or more history_page frames answering {@code re}, each under {@link #FILE_PAGE_BYTES} of
     * estimated JSON (a message's text escapes to at most twice its UTF-8 bytes).
     */
    static List<ServerFrame> history(long re, List<Message> messages) {
        List<ServerFrame> frames = new ArrayList<>();
        List<Message> page = new ArrayList<>();
        int bytes = 0;
        for (Message m : messages) {
            int size = 2 * (Utf8.encodedLength(m.text()) + Utf8.encodedLength(m.from()) + Utf8.encodedLength(m.to()))
                    + MESSAGE_ENTRY_OVERHEAD;
            if (!page.isEmpty() && bytes + size > FILE_PAGE_BYTES) {
                frames.add(new HistoryPage(re, page, true));
                page = new ArrayList<>();
                bytes = 0;
            }
            page.add(m.asHistory());
            bytes += size;
        }
        frames.add(new HistoryPage(re, page, false));
        return frames;
    }

    /** One or more user_list frames answering {@code re}. */
    static List<ServerFrame> userList(long re, List<String> users) {
        return userList(re, users, Map.of());
    }

    /** One or more user_list frames answering {@code re}, each naming its away users. */
    static List<ServerFrame> userList(long re, List<String> users, Map<String, String> away) {
        List<List<String>> pages = split(users, Limits.USERS_PER_FRAME);
        List<ServerFrame> frames = new ArrayList<>(pages.size());
        for (int i = 0; i < pages.size(); i++) {
            frames.add(new UserList(re, pages.get(i), i < pages.size() - 1, awayOf(pages.get(i), away)));
        }
        return frames;
    }

    /** The entries of {@code away} for the users of one page; null when none of them is away. */
    private static Map<String, String> awayOf(List<String> page, Map<String, String> away) {
        if (away.isEmpty()) {
            return null;
        }
        Map<String, String> of = new HashMap<>();
        for (String user : page) {
            String reason = away.get(user);
            if (reason != null) {
                of.put(user, reason);
            }
        }
        return of.isEmpty() ? null : of;
    }

    /** One or more file_list frames answering {@code re}, each under {@link #FILE_PAGE_BYTES}. */
    static List<ServerFrame> fileList(long re, List<FileEntry> files) {
        List<ServerFrame> frames = new ArrayList<>();
        List<FileEntry> page = new ArrayList<>();
        int bytes = 0;
        for (FileEntry file : files) {
            int size = file.name().getBytes(StandardCharsets.UTF_8).length * 6 + FILE_ENTRY_OVERHEAD;
            if (!page.isEmpty() && (bytes + size > FILE_PAGE_BYTES || page.size() == FILES_PER_PAGE)) {
                frames.add(new FileList(re, page, true));
                page = new ArrayList<>();
                bytes = 0;
            }
            page.add(file);
            bytes += size;
        }
        frames.add(new FileList(re, page, false));
        return frames;
    }

    /** At least one page, possibly empty. */
    private static <T> List<List<T>> split(List<T> items, int perPage) {
        List<List<T>> pages = new ArrayList<>();
        for (int from = 0; from < items.size(); from += perPage) {
            pages.add(List.copyOf(items.subList(from, Math.min(items.size(), from + perPage))));
        }
        if (pages.isEmpty()) {
            pages.add(List.of());
        }
        return pages;
    }
}
