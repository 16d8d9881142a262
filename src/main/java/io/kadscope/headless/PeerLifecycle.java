package io.kadscope.headless;

import io.kadscope.cli.ShutdownHooks;
import java.io.PrintStream;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * What a headless peer does from start to exit, whatever its protocol: start the node, stop it at
 * exit (SIGTERM, SIGINT) through the process's one shutdown hook, so that the logging is drained
 * after it; open the console once the first join has ended, as the course's peer does; and return
 * once {@code q} is typed and the peer has stopped. End of input leaves the peer serving.
 *
 * <p>It also holds what the peer's own timers run on (join retries, state saves), and whether the
 * peer has stopped.
 */
final class PeerLifecycle {
  private final PrintStream out;
  private final AtomicBoolean stopped = new AtomicBoolean();
  private final CountDownLatch quit = new CountDownLatch(1);
  private final CompletableFuture<Void> firstJoin = new CompletableFuture<>();
  private final ScheduledExecutorService timer =
      Executors.newSingleThreadScheduledExecutor(
          r -> {
            Thread t = new Thread(r, "kadscope-peer-timer");
            t.setDaemon(true);
            return t;
          });

  PeerLifecycle(PrintStream out) {
    this.out = out;
  }

  /**
   * Runs {@code start}, then, once {@link #firstJoinEnded()} has been called, the console ({@code
   * console} starts reading and reports to the consumer it is given how it ended), until {@code q};
   * then {@code stop}.
   *
   * @return the exit code, 0
   */
  int run(Runnable start, Consumer<Consumer<Console.Ending>> console, Runnable stop) {
    // Registered before the start, which prints the lines a person (or a test) sees first: a
    // SIGTERM or Ctrl-C from then on saves the state and stops the node. A start that fails takes
    // its registration back, so that nothing is stopped at exit that never ran.
    ShutdownHooks.Registration hook = ShutdownHooks.register(stop);
    try {
      start.run();
    } catch (RuntimeException | Error e) {
      hook.remove();
      throw e;
    }
    // A `set` typed before the join has ended would wait for it anyway; the course's peer opens
    // its console only then, and so does this one.
    firstJoin.join();
    console.accept(this::consoleEnded);
    awaitQuit();
    stop.run();
    hook.remove();
    return 0;
  }

  /** The first join has ended, either way: the console may open. */
  void firstJoinEnded() {
    firstJoin.complete(null);
  }

  /** Marks the peer stopped and stops its timers; true only the first time. */
  boolean stopping() {
    if (!stopped.compareAndSet(false, true)) {
      return false;
    }
    timer.shutdownNow();
    return true;
  }

  boolean isStopped() {
    return stopped.get();
  }

  /** Where the peer's own timers run: join retries and state saves. */
  ScheduledExecutorService timer() {
    return timer;
  }

  private void consoleEnded(Console.Ending ending) {
    if (ending == Console.Ending.QUIT) {
      quit.countDown();
    } else {
      out.println("Input closed: the peer keeps serving until it is stopped (SIGTERM or Ctrl-C).");
    }
  }

  private void awaitQuit() {
    boolean interrupted = false;
    while (true) {
      try {
        quit.await();
        break;
      } catch (InterruptedException e) {
        interrupted = true;
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }
}
