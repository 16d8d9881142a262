package io.kadscope.docker;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A process started in a network namespace: its merged stdout and stderr are read line by line on a
 * thread of their own, kept, and copied to a log file; a test waits for a line that matches instead
 * of sleeping. Each wait starts where the previous match ended, so a line is matched once.
 */
final class NsProcess {
  private static final Logger log = LoggerFactory.getLogger(NsProcess.class);

  private final String name;
  private final Process process;
  private final List<String> lines = new ArrayList<>();
  private final Thread reader;
  private int cursor;
  private boolean ended;

  NsProcess(String name, Process process, Path logFile) {
    this.name = name;
    this.process = process;
    this.reader = new Thread(() -> readLines(logFile), "out-" + name);
    reader.setDaemon(true);
    reader.start();
  }

  String name() {
    return name;
  }

  long pid() {
    return process.pid();
  }

  boolean isAlive() {
    return process.isAlive();
  }

  private void readLines(Path logFile) {
    try (BufferedReader in =
            new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        Writer out = Files.newBufferedWriter(logFile, StandardCharsets.UTF_8)) {
      String line;
      while ((line = in.readLine()) != null) {
        out.write(line);
        out.write('\n');
        out.flush();
        synchronized (this) {
          lines.add(line);
          notifyAll();
        }
      }
    } catch (IOException e) {
      log.debug("{}: output closed: {}", name, e.toString());
    } finally {
      synchronized (this) {
        ended = true;
        notifyAll();
      }
    }
  }

  /**
   * Waits until a line from the cursor on matches {@code pattern}, moves the cursor past it and
   * returns the match.
   *
   * @throws AssertionError on timeout or when the process ends first, with its last lines
   */
  synchronized Matcher awaitLine(Pattern pattern, Duration timeout) {
    return await(pattern, timeout, cursor);
  }

  /**
   * Waits until any line printed so far or later matches {@code pattern}, leaving the cursor where
   * it is: for log lines that may come before or after the console's answer.
   */
  synchronized Matcher awaitLineAnywhere(Pattern pattern, Duration timeout) {
    int saved = cursor;
    try {
      return await(pattern, timeout, 0);
    } finally {
      cursor = saved;
    }
  }

  private Matcher await(Pattern pattern, Duration timeout, int from) {
    long deadline = System.nanoTime() + timeout.toNanos();
    int next = from;
    while (true) {
      for (; next < lines.size(); next++) {
        Matcher m = pattern.matcher(lines.get(next));
        if (m.find()) {
          cursor = next + 1;
          return m;
        }
      }
      if (ended) {
        throw new AssertionError(
            name
                + " ended"
                + exitDescription()
                + " before printing a line matching /"
                + pattern
                + "/\n"
                + tail(40));
      }
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        throw new AssertionError(
            name
                + " printed no line matching /"
                + pattern
                + "/ within "
                + timeout.toMillis()
                + " ms\n"
                + tail(40));
      }
      try {
        TimeUnit.NANOSECONDS.timedWait(this, left);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError(name + ": interrupted while waiting for /" + pattern + "/", e);
      }
    }
  }

  /** Types one line on the process's standard input (its console). */
  void send(String line) {
    try {
      OutputStream stdin = process.getOutputStream();
      stdin.write((line + "\n").getBytes(StandardCharsets.UTF_8));
      stdin.flush();
    } catch (IOException e) {
      throw new UncheckedIOException(name + ": cannot write '" + line + "' to its stdin", e);
    }
  }

  /** Closes standard input: end of input, as for a peer run without {@code -i}. */
  void closeInput() {
    try {
      process.getOutputStream().close();
    } catch (IOException e) {
      throw new UncheckedIOException(name + ": cannot close its stdin", e);
    }
  }

  /** Sends SIGKILL and waits for the process to go. */
  void kill() {
    process.destroyForcibly();
    awaitExit(Duration.ofSeconds(10));
  }

  /** Sends SIGTERM, waits up to {@code grace}, then SIGKILL. */
  void stop(Duration grace) {
    process.destroy();
    try {
      if (!process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
        log.warn("{} did not stop within {} ms of SIGTERM; killing it", name, grace.toMillis());
        kill();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
    }
  }

  /** Waits for the process to end and returns its exit code. */
  int awaitExit(Duration timeout) {
    try {
      if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        throw new AssertionError(
            name + " still running after " + timeout.toMillis() + " ms\n" + tail(40));
      }
      reader.join(timeout.toMillis());
      return process.exitValue();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(name + ": interrupted while waiting for it to end", e);
    }
  }

  /**
   * How the process ended, for failure messages: a peer that was sent SIGTERM from outside the test
   * (another user's {@code pkill}, say) exits 143 after printing "Stopped.".
   */
  String exitDescription() {
    try {
      if (!process.waitFor(2, TimeUnit.SECONDS)) {
        return " (its output closed, the process still runs)";
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "";
    }
    int code = process.exitValue();
    return code > 128
        ? " with exit code " + code + " (killed by signal " + (code - 128) + ")"
        : " with exit code " + code;
  }

  /** All lines so far. */
  synchronized List<String> lines() {
    return List.copyOf(lines);
  }

  /** The last {@code n} lines, indented, for failure messages. */
  synchronized String tail(int n) {
    StringBuilder sb = new StringBuilder("--- last lines of " + name + " ---\n");
    for (int i = Math.max(0, lines.size() - n); i < lines.size(); i++) {
      sb.append("  | ").append(lines.get(i)).append('\n');
    }
    return sb.toString();
  }
}
