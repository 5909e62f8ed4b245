package dev.chat.wire.frame;

/** Asks for the shared files; answered by one or more {@link FileList} frames. */
@FrameType("list_files")
public record ListFiles(long id) implements ClientFrame, Request {
    public ListFiles {
        Ids.check("id", id);
    }
}
