package io.kadscope.engine;

import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/** Helpers for the futures the engine returns. */
public final class Futures {
  private Futures() {}

  /**
   * The failure behind a future's exception: a {@link CompletionException} or {@link
   * ExecutionException} wraps the real cause, which is what a person should be told about.
   *
   * <pre>{@code
   * node.get("k").whenComplete((v, err) -> { if (err != null) show(Futures.unwrap(err).getMessage()); });
   * }</pre>
   */
  public static Throwable unwrap(Throwable t) {
    Throwable c = t;
    while ((c instanceof CompletionException || c instanceof ExecutionException)
        && c.getCause() != null) {
      c = c.getCause();
    }
    return c;
  }
}
