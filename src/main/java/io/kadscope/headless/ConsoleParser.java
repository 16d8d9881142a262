package io.kadscope.headless;

import io.kadscope.cli.Printable;
import io.kadscope.engine.Value;
import java.util.HexFormat;
import java.util.Locale;

/**
 * Turns a console line into a {@link ConsoleCommand}. A value is the rest of the line after the
 * key, spaces included, and is a string unless a type flag comes first: {@code set --int n 42},
 * {@code --float}, {@code --bool} ({@code true}/{@code false}), {@code --bytes} (hex digits).
 */
public final class ConsoleParser {
  /** The commands in one line, for hints. */
  public static final String SUMMARY =
      "set <key> <value> | get <key> | del <key> | info | buckets | help | q";

  /** How much of a line an error message repeats back: enough to recognise it. */
  static final int ECHOED_CHARS = 40;

  private ConsoleParser() {}

  /** Parses one line; never throws. */
  public static ConsoleCommand parse(String line) {
    String trimmed = line.strip();
    if (trimmed.isEmpty()) {
      return new ConsoleCommand.Blank();
    }
    String[] head = trimmed.split("\\s+", 2);
    String verb = head[0].toLowerCase(Locale.ROOT);
    String rest = head.length > 1 ? head[1] : "";
    switch (verb) {
      case "set":
        return parseSet(rest);
      case "get":
        return isOneWord(rest) ? new ConsoleCommand.Get(rest) : usage("get <key>");
      case "del":
        return isOneWord(rest) ? new ConsoleCommand.Del(rest) : usage("del <key>");
      case "q":
      case "quit":
      case "exit":
        return rest.isEmpty() ? new ConsoleCommand.Quit() : usage(verb);
      case "help":
      case "?":
        return new ConsoleCommand.Help();
      case "info":
        return rest.isEmpty() ? new ConsoleCommand.Info() : usage("info");
      case "buckets":
        return rest.isEmpty() ? new ConsoleCommand.Buckets() : usage("buckets");
      default:
        return new ConsoleCommand.Invalid(
            "Unknown command " + Printable.quote(head[0], ECHOED_CHARS) + ". Usage: " + SUMMARY);
    }
  }

  private static ConsoleCommand parseSet(String rest) {
    String type = "str";
    String args = rest;
    if (rest.startsWith("--")) {
      String[] flag = rest.split("\\s+", 2);
      type = flag[0].substring(2).toLowerCase(Locale.ROOT);
      args = flag.length > 1 ? flag[1] : "";
    }
    String[] kv = args.split("\\s", 2);
    if (kv[0].isEmpty() || kv.length < 2) {
      return usage("set [--int|--float|--bool|--bytes] <key> <value>");
    }
    String key = kv[0];
    String text = kv[1];
    try {
      return new ConsoleCommand.Set(key, value(type, text));
    } catch (IllegalArgumentException e) {
      return new ConsoleCommand.Invalid(e.getMessage());
    }
  }

  private static Value value(String type, String text) {
    switch (type) {
      case "str":
        return Value.of(text);
      case "int":
        try {
          return new Value.Int(Long.parseLong(text.strip()));
        } catch (NumberFormatException e) {
          throw new IllegalArgumentException(
              "--int expects a 64-bit integer, found " + Printable.quote(text, ECHOED_CHARS));
        }
      case "float":
        try {
          return new Value.Float(Double.parseDouble(text.strip()));
        } catch (NumberFormatException e) {
          throw new IllegalArgumentException(
              "--float expects a number, found " + Printable.quote(text, ECHOED_CHARS));
        }
      case "bool":
        String b = text.strip().toLowerCase(Locale.ROOT);
        if (!b.equals("true") && !b.equals("false")) {
          throw new IllegalArgumentException(
              "--bool expects true or false, found " + Printable.quote(text, ECHOED_CHARS));
        }
        return new Value.Bool(b.equals("true"));
      case "bytes":
        try {
          return new Value.Bin(HexFormat.of().parseHex(text.strip()));
        } catch (IllegalArgumentException e) {
          throw new IllegalArgumentException(
              "--bytes expects an even number of hex digits, found "
                  + Printable.quote(text, ECHOED_CHARS));
        }
      default:
        throw new IllegalArgumentException(
            "Unknown type flag "
                + Printable.quote("--" + type, ECHOED_CHARS)
                + ". Usage: set [--int|--float|--bool|--bytes] <key> <value>");
    }
  }

  private static boolean isOneWord(String rest) {
    return !rest.isEmpty() && rest.chars().noneMatch(Character::isWhitespace);
  }

  private static ConsoleCommand usage(String form) {
    return new ConsoleCommand.Invalid("Usage: " + form);
  }
}
