package io.kadscope.headless;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The read loop of both consoles: lines of UTF-8 text from standard input, each handed to the
 * console's interpreter, until it asks to quit or the input ends. A line too long to be a command,
 * or not UTF-8, is refused with a message and skipped ({@link ConsoleInput}).
 */
final class ConsoleLoop {
  private static final Logger log = LoggerFactory.getLogger(ConsoleLoop.class);

  private ConsoleLoop() {}

  /** Reads {@code in} on a new daemon thread; {@code done} hears why it stopped. */
  static Thread start(
      InputStream in, PrintStream out, Predicate<String> execute, Consumer<Console.Ending> done) {
    Thread t = new Thread(() -> done.accept(run(in, out, execute)), "kadscope-console");
    t.setDaemon(true);
    t.start();
    return t;
  }

  /**
   * Reads lines until {@code execute} returns false for one ({@code q}) or the input ends, on the
   * calling thread; refusals go to {@code out}.
   */
  static Console.Ending run(InputStream in, PrintStream out, Predicate<String> execute) {
    ConsoleInput lines = new ConsoleInput(in);
    try {
      ConsoleInput.Line line;
      while ((line = lines.next()) != null) {
        if (line instanceof ConsoleInput.Refused r) {
          out.println(r.problem());
        } else if (!execute.test(((ConsoleInput.Text) line).text())) {
          return Console.Ending.QUIT;
        }
      }
    } catch (IOException e) {
      log.warn("Console input failed ({}): treating it as closed", e.toString());
    }
    return Console.Ending.END_OF_INPUT;
  }
}
