package io.kadscope.headless;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A {@code java -jar kadscope.jar …} process for the process-level tests: its standard output and
 * error are read by their own threads into queues, so a test waits for the line it expects with a
 * timeout; {@link #close} kills it if it still runs.
 */
final class PeerProcess implements AutoCloseable {
  static final Duration WAIT = Duration.ofSeconds(20);

  private final String name;
  private final Process process;
  private final Writer stdin;
  private final BlockingQueue<String> out = new LinkedBlockingQueue<>();
  private final BlockingQueue<String> err = new LinkedBlockingQueue<>();
  private final List<String> transcript = new ArrayList<>();

  private PeerProcess(String name, Process process) {
    this.name = name;
    this.process = process;
    this.stdin = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
    drain(process.getInputStream(), out, "out");
    drain(process.getErrorStream(), err, "err");
  }

  /** Starts the jar with {@code args}, the environment changed by {@code env} (null removes). */
  /**
   * A prefix that starts the peer with SIGINT at its default disposition. A build run from a
   * shell's background job inherits SIGINT ignored, and a JVM that starts with it ignored installs
   * no handler for it, so a peer could not be stopped by SIGINT as a console user stops it. GNU env
   * (coreutils 8.31 and later) resets it and then runs the JVM in its own process; where env
   * cannot, the peer starts with the disposition it inherits.
   */
  private static final List<String> DEFAULT_SIGINT = defaultSigintPrefix();

  private static List<String> defaultSigintPrefix() {
    List<String> prefix = List.of("env", "--default-signal=INT");
    try {
      Process probe =
          new ProcessBuilder(concat(prefix, List.of("true"))).redirectErrorStream(true).start();
      probe.getInputStream().readAllBytes();
      return probe.waitFor() == 0 ? prefix : List.of();
    } catch (IOException e) {
      return List.of();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return List.of();
    }
  }

  private static List<String> concat(List<String> a, List<String> b) {
    List<String> all = new ArrayList<>(a);
    all.addAll(b);
    return all;
  }

  static PeerProcess start(String name, Map<String, String> env, String... args)
      throws IOException {
    return start(name, List.of(), env, args);
  }

  /** Starts the jar with extra JVM options too. */
  static PeerProcess start(
      String name, List<String> jvmOptions, Map<String, String> env, String... args)
      throws IOException {
    String jar = System.getProperty("kadscope.jar");
    if (!Files.isRegularFile(Path.of(jar))) {
      throw new IllegalStateException("no jar at " + jar + ": run `mvn package` first");
    }
    List<String> cmd = new ArrayList<>(DEFAULT_SIGINT);
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    // A peer's JVM started for a test: small and quick to start.
    cmd.addAll(List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xmx96m"));
    cmd.addAll(jvmOptions);
    cmd.addAll(List.of("-jar", jar));
    cmd.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(cmd);
    pb.environment().remove("P2P_REMOTE_HOST");
    env.forEach(
        (k, v) -> {
          if (v == null) {
            pb.environment().remove(k);
          } else {
            pb.environment().put(k, v);
          }
        });
    return new PeerProcess(name, pb.start());
  }

  static PeerProcess start(String name, String... args) throws IOException {
    return start(name, Map.of(), args);
  }

  private void drain(InputStream in, BlockingQueue<String> queue, String stream) {
    Thread t =
        new Thread(
            () -> {
              try (BufferedReader r =
                  new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                  synchronized (transcript) {
                    transcript.add(name + " " + stream + "| " + line);
                  }
                  queue.add(line);
                }
              } catch (IOException e) {
                // the process ended
              }
            },
            name + "-" + stream);
    t.setDaemon(true);
    t.start();
  }

  /** Waits for a line of standard output that matches {@code regex}; returns its match. */
  Matcher awaitOut(String regex) throws InterruptedException {
    return await(out, Pattern.compile(regex), "stdout");
  }

  /** Waits for a line of standard error (the log) that matches {@code regex}. */
  Matcher awaitErr(String regex) throws InterruptedException {
    return await(err, Pattern.compile(regex), "stderr");
  }

  private Matcher await(BlockingQueue<String> queue, Pattern p, String stream)
      throws InterruptedException {
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (true) {
      long left = deadline - System.nanoTime();
      String line = left > 0 ? queue.poll(left, TimeUnit.NANOSECONDS) : null;
      if (line == null) {
        throw new AssertionError(
            name
                + ": no "
                + stream
                + " line matching /"
                + p
                + "/ within "
                + WAIT
                + "\n"
                + transcript());
      }
      Matcher m = p.matcher(line);
      if (m.find()) {
        return m;
      }
    }
  }

  /** Types a line at the console. */
  void send(String line) throws IOException {
    stdin.write(line + "\n");
    stdin.flush();
  }

  /** Closes standard input, as a detached container's. */
  void closeInput() throws IOException {
    stdin.close();
  }

  /**
   * Sends SIGTERM. Through the process handle: {@code Process.destroy()} would also close our ends
   * of its pipes, and the lines it prints while stopping would be lost.
   */
  void terminate() {
    process.toHandle().destroy();
  }

  /**
   * Sends a signal by name ({@code INT}, {@code TERM}, {@code KILL}), as a terminal or init would.
   */
  void signal(String name) throws IOException, InterruptedException {
    Process kill =
        new ProcessBuilder("kill", "-s", name, Long.toString(process.pid()))
            .redirectErrorStream(true)
            .start();
    if (kill.waitFor() != 0) {
      throw new AssertionError(
          "kill -s "
              + name
              + " "
              + process.pid()
              + " failed: "
              + new String(kill.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
    }
  }

  /** The process id. */
  long pid() {
    return process.pid();
  }

  /** Waits for the process to end and returns its exit code. */
  int awaitExit() throws InterruptedException {
    if (!process.waitFor(WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
      throw new AssertionError(name + " still runs after " + WAIT + "\n" + transcript());
    }
    return process.exitValue();
  }

  boolean isAlive() {
    return process.isAlive();
  }

  /** Every line either stream printed so far, for failure messages. */
  String transcript() {
    synchronized (transcript) {
      return String.join("\n", transcript);
    }
  }

  @Override
  public void close() {
    process.destroyForcibly();
    try {
      process.waitFor(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
