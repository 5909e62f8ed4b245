package dev.chat.wire.frame;

/**
 * Asks to download the shared file {@code name} over {@code protocol} from byte {@code offset} on
 * (0, or the length of a partial copy to resume). Answered by {@link DownloadReady} or an error.
 */
@FrameType("download")
public record Download(long id, String name, Transport protocol, long offset) implements ClientFrame, Request {
    public Download {
        Ids.check("id", id);
        Ids.required("name", name);
        Ids.required("protocol", protocol);
        Transfers.checkOffset("offset", offset, id);
    }
}
