package io.kadscope.engine.event;

/**
 * Receives {@link EngineEvent}s. Called on the engine's threads (the network's I/O thread, the
 * scheduler): an implementation returns quickly and never blocks, handing work elsewhere.
 */
@FunctionalInterface
public interface EngineListener {
  /** Ignores every event. */
  EngineListener NO_OP = event -> {};

  void onEvent(EngineEvent event);
}
