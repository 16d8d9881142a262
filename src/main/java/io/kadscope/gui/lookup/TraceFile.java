package io.kadscope.gui.lookup;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonParseException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;

/**
 * Saves a {@link LookupTrace} as JSON and reads one back, e.g. {@code {"format": "kadscope-trace",
 * "version": 2, "trace": {...}}}. Version 1 traces, which knew each step's hop but not its round,
 * are read with the hop as the round.
 */
public final class TraceFile {
  /** The value of the {@code format} field. */
  public static final String FORMAT = "kadscope-trace";

  /** The version this code writes. */
  public static final int VERSION = 2;

  /** The oldest version this code reads. */
  public static final int OLDEST_VERSION = 1;

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
    if (e.version() < OLDEST_VERSION || e.version() > VERSION) {
      throw new IllegalArgumentException(
          source
              + " is a version "
              + e.version()
              + " trace; this KadScope reads versions "
              + OLDEST_VERSION
              + " to "
              + VERSION);
    }
    if (e.trace() == null || e.trace().target() == null || e.trace().self() == null) {
      throw new IllegalArgumentException(source + " holds no trace (no target or self id)");
    }
    return e.version() == 1 ? fromVersion1(e.trace()) : e.trace();
  }

  /** In version 1, a step's {@code round} was its hop, and the trace's {@code rounds} its depth. */
  private static LookupTrace fromVersion1(LookupTrace t) {
    List<TraceStep> steps = new ArrayList<>();
    for (TraceStep s : t.steps()) {
      steps.add(
          new TraceStep(
              s.seq(),
              s.round(),
              s.round(),
              s.queried(),
              s.returned(),
              s.value(),
              s.valueType(),
              s.failed(),
              s.latencyMs(),
              s.bestPrefix(),
              s.late(),
              s.note()));
    }
    return t.upgraded(steps, t.rounds());
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
