package io.kadscope.gui.lookup;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonParseException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Saves a {@link LookupTrace} as JSON and reads one back, e.g. {@code {"format": "kadscope-trace",
 * "version": 1, "trace": {...}}}.
 */
public final class TraceFile {
  /** The value of the {@code format} field. */
  public static final String FORMAT = "kadscope-trace";

  /** The version this code writes and reads. */
  public static final int VERSION = 1;

  private static final Gson GSON = new GsonBuilder().setPrettyPrinting().create();

  private record Envelope(String format, int version, LookupTrace trace) {}

  private TraceFile() {}

  /** The JSON text of {@code trace}. */
  public static String toJson(LookupTrace trace) {
    return GSON.toJson(new Envelope(FORMAT, VERSION, trace));
  }

  /**
   * Reads a trace from JSON text.
   *
   * @throws IllegalArgumentException saying what was expected and what was found
   */
  public static LookupTrace fromJson(String json, String source) {
    Envelope e;
    try {
      e = GSON.fromJson(json, Envelope.class);
    } catch (JsonParseException ex) {
      throw new IllegalArgumentException(
          source + " is not a KadScope trace: not valid JSON (" + ex.getMessage() + ")", ex);
    }
    if (e == null || !FORMAT.equals(e.format())) {
      throw new IllegalArgumentException(
          source
              + " is not a KadScope trace: expected \"format\": \""
              + FORMAT
              + "\", found "
              + (e == null ? "an empty file" : "\"" + e.format() + "\""));
    }
    if (e.version() != VERSION) {
      throw new IllegalArgumentException(
          source
              + " is a version "
              + e.version()
              + " trace; this KadScope reads version "
              + VERSION);
    }
    if (e.trace() == null || e.trace().target() == null || e.trace().self() == null) {
      throw new IllegalArgumentException(source + " holds no trace (no target or self id)");
    }
    return e.trace();
  }

  /** Writes {@code trace} to {@code file} (replacing it whole, never half-written). */
  public static void save(LookupTrace trace, Path file) throws IOException {
    Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
    Files.writeString(tmp, toJson(trace), StandardCharsets.UTF_8);
    Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }

  /** Reads the trace in {@code file}. */
  public static LookupTrace open(Path file) throws IOException {
    return fromJson(Files.readString(file, StandardCharsets.UTF_8), file.getFileName().toString());
  }
}
