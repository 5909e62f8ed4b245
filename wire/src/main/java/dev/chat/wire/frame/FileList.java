package dev.chat.wire.frame;

import java.util.List;

/** One page of shared files answering {@code re}; {@code more} is true on all pages but the last. */
@FrameType("file_list")
public record FileList(long re, List<FileEntry> files, boolean more) implements ServerFrame, Reply {
    public FileList {
        Ids.check("re", re);
        files = List.copyOf(Ids.required("files", files));
    }
}
