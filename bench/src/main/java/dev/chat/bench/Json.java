package dev.chat.bench;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** Results are plain maps written as pretty JSON, to a file or standard output. */
final class Json {
    private static final Gson GSON = new GsonBuilder().setPrettyPrinting().serializeNulls()
            .serializeSpecialFloatingPointValues().create();

    private Json() {
    }

    static void write(Map<String, Object> result, Path out) throws IOException {
        String text = GSON.toJson(result) + "\n";
        if (out == null) {
            System.out.print(text);
        } else {
            if (out.getParent() != null) {
                Files.createDirectories(out.getParent());
            }
            Files.writeString(out, text);
        }
    }
}
