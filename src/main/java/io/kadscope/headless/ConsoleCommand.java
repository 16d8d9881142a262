package io.kadscope.headless;

import io.kadscope.engine.Value;

/** One line typed at the console, parsed. */
public sealed interface ConsoleCommand {

  /** {@code set <key> <value>}: store a value in the network. */
  record Set(String key, Value value) implements ConsoleCommand {}

  /** {@code get <key>}: look a value up. */
  record Get(String key) implements ConsoleCommand {}

  /** {@code del <key>}: store the empty string, as the course does. */
  record Del(String key) implements ConsoleCommand {}

  /** {@code q} or {@code quit}: shut the peer down cleanly. */
  record Quit() implements ConsoleCommand {}

  /** {@code help}: list the commands. */
  record Help() implements ConsoleCommand {}

  /** {@code info}: id, address, contacts, stored keys. */
  record Info() implements ConsoleCommand {}

  /** {@code buckets}: one line per non-empty k-bucket. */
  record Buckets() implements ConsoleCommand {}

  /** A blank line: nothing to do. */
  record Blank() implements ConsoleCommand {}

  /** A line that is no command: {@code hint} says what was expected. */
  record Invalid(String hint) implements ConsoleCommand {}
}
