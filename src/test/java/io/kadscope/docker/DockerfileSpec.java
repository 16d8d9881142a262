package io.kadscope.docker;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * What the final stage of a Dockerfile runs: its ENTRYPOINT, CMD, ENV, EXPOSE and HEALTHCHECK, read
 * the way Docker reads them (line continuations, comments, case-insensitive instructions, one stage
 * after another). Only the exec (JSON) form of ENTRYPOINT, CMD and HEALTHCHECK is accepted: the
 * shell form would put {@code /bin/sh} between Docker's signals and java, and could not be run here
 * without guessing what the shell would do.
 *
 * <p>Example: {@code DockerfileSpec.read(path).command(Map.of("/opt/x.jar", built))} gives the argv
 * that {@code docker run IMAGE} would start, with the in-image jar replaced by the built one.
 */
record DockerfileSpec(
    List<String> entrypoint,
    List<String> cmd,
    Map<String, String> env,
    List<String> exposed,
    List<String> healthcheck) {

  DockerfileSpec {
    entrypoint = List.copyOf(entrypoint);
    cmd = List.copyOf(cmd);
    env = Map.copyOf(env);
    exposed = List.copyOf(exposed);
    healthcheck = List.copyOf(healthcheck);
  }

  /** Reads and parses a Dockerfile. */
  static DockerfileSpec read(Path dockerfile) {
    try {
      return parse(Files.readString(dockerfile), dockerfile.toString());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + dockerfile, e);
    }
  }

  /**
   * Parses Dockerfile text; {@code source} names it in errors. Instructions before the last {@code
   * FROM} are forgotten, as the final image does not inherit them from earlier stages.
   *
   * @throws IllegalArgumentException when the final stage has no exec-form ENTRYPOINT, or an
   *     ENTRYPOINT, CMD or HEALTHCHECK in shell form (the message names the line)
   */
  static DockerfileSpec parse(String text, String source) {
    List<String> entrypoint = null;
    List<String> cmd = List.of();
    Map<String, String> env = new LinkedHashMap<>();
    List<String> exposed = new ArrayList<>();
    List<String> healthcheck = List.of();
    for (Instruction in : instructions(text)) {
      String where = source + ":" + in.line();
      switch (in.keyword()) {
        case "FROM" -> {
          entrypoint = null;
          cmd = List.of();
          env.clear();
          exposed.clear();
          healthcheck = List.of();
        }
        case "ENTRYPOINT" -> {
          entrypoint = execForm(in.args(), "ENTRYPOINT", where);
          cmd = List.of(); // Docker resets an inherited CMD when ENTRYPOINT is set
        }
        case "CMD" -> cmd = execForm(in.args(), "CMD", where);
        case "ENV" -> env.putAll(envPairs(in.args(), where));
        case "EXPOSE" -> exposed.addAll(List.of(in.args().trim().split("\\s+")));
        case "HEALTHCHECK" -> healthcheck = healthcheck(in.args(), where);
        default -> {
          // RUN, COPY, WORKDIR, USER, LABEL, ARG, ...: they shape the image, not the command.
        }
      }
    }
    if (entrypoint == null) {
      throw new IllegalArgumentException(
          source + ": the final stage has no ENTRYPOINT; expected ENTRYPOINT [\"java\", ...]");
    }
    return new DockerfileSpec(entrypoint, cmd, env, exposed, healthcheck);
  }

  /** ENTRYPOINT followed by CMD: the argv of {@code docker run IMAGE} with no arguments. */
  List<String> runCommand() {
    List<String> all = new ArrayList<>(entrypoint);
    all.addAll(cmd);
    return all;
  }

  /**
   * {@link #runCommand()} with each argument that equals a key of {@code replacements} replaced by
   * its value (the in-image jar path by the built jar, {@code java} by this JVM's launcher).
   */
  List<String> command(Map<String, String> replacements) {
    return replace(runCommand(), replacements);
  }

  /** The healthcheck's argv with the same replacements. */
  List<String> healthcheckCommand(Map<String, String> replacements) {
    return replace(healthcheck, replacements);
  }

  /** The path that follows {@code -jar} in the ENTRYPOINT, if any. */
  Optional<String> jarPath() {
    int i = entrypoint.indexOf("-jar");
    return i >= 0 && i + 1 < entrypoint.size()
        ? Optional.of(entrypoint.get(i + 1))
        : Optional.empty();
  }

  private static List<String> replace(List<String> argv, Map<String, String> replacements) {
    return argv.stream().map(a -> replacements.getOrDefault(a, a)).toList();
  }

  // ------------------------------------------------------------------ parsing

  /** One instruction: keyword upper-cased, arguments with continuations joined, first line. */
  record Instruction(String keyword, String args, int line) {}

  /**
   * Splits text into instructions: a line ending in a backslash continues on the next; comment
   * lines and blank lines are dropped, also inside a continuation, as Docker does.
   */
  static List<Instruction> instructions(String text) {
    List<Instruction> out = new ArrayList<>();
    String[] lines = text.split("\r?\n", -1);
    StringBuilder current = null;
    int start = 0;
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i];
      String trimmed = line.strip();
      if (trimmed.startsWith("#") || (trimmed.isEmpty() && current == null)) {
        continue;
      }
      if (current == null) {
        current = new StringBuilder();
        start = i + 1;
      }
      String stripped = line.stripTrailing();
      if (stripped.endsWith("\\")) {
        current.append(stripped, 0, stripped.length() - 1).append(' ');
        continue;
      }
      current.append(line);
      out.add(toInstruction(current.toString(), start));
      current = null;
    }
    if (current != null && !current.toString().isBlank()) {
      out.add(toInstruction(current.toString(), start));
    }
    return out;
  }

  private static Instruction toInstruction(String joined, int line) {
    String s = joined.strip();
    int space = s.indexOf(' ');
    String keyword = (space < 0 ? s : s.substring(0, space)).toUpperCase(Locale.ROOT);
    String args = space < 0 ? "" : s.substring(space + 1).strip();
    return new Instruction(keyword, args, line);
  }

  private static List<String> execForm(String args, String what, String where) {
    String s = args.strip();
    if (!s.startsWith("[")) {
      throw new IllegalArgumentException(
          where
              + ": "
              + what
              + " must use the exec (JSON array) form, found shell form: "
              + s
              + " (the shell form runs /bin/sh -c, which does not pass SIGTERM on to java)");
    }
    try {
      JsonElement parsed = JsonParser.parseString(s);
      if (!parsed.isJsonArray()) {
        throw new IllegalArgumentException(where + ": " + what + " is not a JSON array: " + s);
      }
      JsonArray array = parsed.getAsJsonArray();
      List<String> argv = new ArrayList<>();
      for (JsonElement e : array) {
        if (!e.isJsonPrimitive() || !e.getAsJsonPrimitive().isString()) {
          throw new IllegalArgumentException(
              where + ": " + what + " holds a non-string element " + e + " in " + s);
        }
        argv.add(e.getAsString());
      }
      return argv;
    } catch (JsonParseException e) {
      throw new IllegalArgumentException(
          where + ": " + what + " is not valid JSON (" + e.getMessage() + "): " + s, e);
    }
  }

  private static List<String> healthcheck(String args, String where) {
    String s = args.strip();
    if (s.equalsIgnoreCase("NONE")) {
      return List.of();
    }
    // Options (--interval=30s, --timeout=5s, ...) come first, then CMD.
    while (s.startsWith("--")) {
      int space = s.indexOf(' ');
      if (space < 0) {
        throw new IllegalArgumentException(where + ": HEALTHCHECK has options but no CMD: " + args);
      }
      s = s.substring(space + 1).strip();
    }
    if (!s.regionMatches(true, 0, "CMD", 0, 3)) {
      throw new IllegalArgumentException(
          where + ": expected HEALTHCHECK [OPTIONS] CMD, found " + s);
    }
    return execForm(s.substring(3), "HEALTHCHECK CMD", where);
  }

  /** {@code ENV K=V K2="V 2"} or the legacy {@code ENV K V}. Values may be double-quoted. */
  static Map<String, String> envPairs(String args, String where) {
    Map<String, String> out = new LinkedHashMap<>();
    String s = args.strip();
    int eq = s.indexOf('=');
    int space = s.indexOf(' ');
    if (eq < 0 || (space >= 0 && space < eq)) {
      if (space < 0) {
        throw new IllegalArgumentException(where + ": ENV needs KEY=VALUE, found " + args);
      }
      out.put(s.substring(0, space), s.substring(space + 1).strip());
      return out;
    }
    int i = 0;
    while (i < s.length()) {
      int e = s.indexOf('=', i);
      if (e < 0) {
        throw new IllegalArgumentException(
            where + ": ENV expected KEY=VALUE at: " + s.substring(i));
      }
      String key = s.substring(i, e).strip();
      StringBuilder value = new StringBuilder();
      int j = e + 1;
      if (j < s.length() && s.charAt(j) == '"') {
        j++;
        while (j < s.length() && s.charAt(j) != '"') {
          if (s.charAt(j) == '\\' && j + 1 < s.length()) {
            j++;
          }
          value.append(s.charAt(j++));
        }
        if (j >= s.length()) {
          throw new IllegalArgumentException(where + ": ENV has an unclosed quote in " + args);
        }
        j++;
      } else {
        while (j < s.length() && !Character.isWhitespace(s.charAt(j))) {
          value.append(s.charAt(j++));
        }
      }
      out.put(key, value.toString());
      while (j < s.length() && Character.isWhitespace(s.charAt(j))) {
        j++;
      }
      i = j;
    }
    return out;
  }
}
