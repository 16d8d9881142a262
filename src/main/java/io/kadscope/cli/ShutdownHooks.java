package io.kadscope.cli;

import java.util.ArrayDeque;
import java.util.Deque;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The process's one JVM shutdown hook, so that what runs at exit runs in order: first the tasks
 * registered here (a peer saving its state and stopping), newest first, then the logging, drained
 * of every queued line. Separate hooks run concurrently in no order, which lost the last log lines
 * ({@code State saved}, {@code node … stopped}) on SIGTERM and SIGINT.
 *
 * <pre>{@code
 * ShutdownHooks.Registration r = ShutdownHooks.register(peer::stop);
 * ...                 // SIGTERM now stops the peer, then flushes the log
 * r.remove();         // stopped some other way: nothing left to do at exit
 * }</pre>
 */
public final class ShutdownHooks {
  private static final Logger log = LoggerFactory.getLogger(ShutdownHooks.class);
  private static final Deque<Runnable> tasks = new ArrayDeque<>();
  private static boolean installed;
  private static boolean running;

  private ShutdownHooks() {}

  /** A task registered to run at exit. */
  @FunctionalInterface
  public interface Registration {
    /** Unregisters the task: it will not run at exit. Does nothing once exit has begun. */
    void remove();
  }

  /** Installs the hook (idempotent): from then on the logging is drained at every exit. */
  public static synchronized void install() {
    if (!installed) {
      Runtime.getRuntime().addShutdownHook(new Thread(ShutdownHooks::runAll, "kadscope-shutdown"));
      installed = true;
    }
  }

  /** Runs {@code task} at exit, before the logging stops; installs the hook if need be. */
  public static synchronized Registration register(Runnable task) {
    install();
    tasks.push(task);
    return () -> {
      synchronized (ShutdownHooks.class) {
        if (!running) {
          tasks.remove(task);
        }
      }
    };
  }

  private static void runAll() {
    while (true) {
      Runnable next;
      synchronized (ShutdownHooks.class) {
        running = true;
        next = tasks.poll();
      }
      if (next == null) {
        break;
      }
      try {
        next.run();
      } catch (RuntimeException e) {
        log.error("A task at exit failed: {}", e.toString());
      }
    }
    Logging.stop();
  }
}
