package io.kadscope.testing;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A {@link PrintStream} that hands each complete line to a queue, so that a test waits for the line
 * it expects with a timeout instead of sleeping.
 */
public final class Lines {
  private final BlockingQueue<String> queue = new LinkedBlockingQueue<>();
  private final List<String> all = new ArrayList<>();
  private final PrintStream stream;

  public Lines() {
    OutputStream sink =
        new OutputStream() {
          private final ByteArrayOutputStream current = new ByteArrayOutputStream();

          @Override
          public synchronized void write(int b) {
            if (b == '\n') {
              String line = current.toString(StandardCharsets.UTF_8);
              current.reset();
              synchronized (all) {
                all.add(line);
              }
              queue.add(line);
            } else {
              current.write(b);
            }
          }
        };
    stream = new PrintStream(sink, true, StandardCharsets.UTF_8);
  }

  /** The stream to hand to the code under test. */
  public PrintStream stream() {
    return stream;
  }

  /** Every line so far. */
  public List<String> all() {
    synchronized (all) {
      return List.copyOf(all);
    }
  }

  /**
   * Waits for the next line that matches, skipping the others.
   *
   * @throws AssertionError with every line seen when none matches in time
   */
  public String await(Predicate<String> wanted, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      long left = deadline - System.nanoTime();
      String line = left > 0 ? queue.poll(left, TimeUnit.NANOSECONDS) : null;
      if (line == null) {
        throw new AssertionError(
            "no matching line within " + timeout + "; output was:\n" + String.join("\n", all()));
      }
      if (wanted.test(line)) {
        return line;
      }
    }
  }

  /** Waits for a line that contains {@code text}. */
  public String awaitContaining(String text, Duration timeout) throws InterruptedException {
    return await(l -> l.contains(text), timeout);
  }
}
