package io.kadscope.engine.event;

import java.util.Objects;
import java.util.function.Consumer;

/**
 * Where a part of the engine publishes its events, which can tell that nobody listens: a part then
 * builds no event at all, so that a node with no listener (most nodes of a simulated network)
 * spends nothing on events.
 *
 * <pre>{@code
 * if (events.listening()) {
 *   events.accept(new EngineEvent.ContactMoved(now, self, contact, index));
 * }
 * }</pre>
 */
public interface EventSink extends Consumer<EngineEvent> {

  /** Drops every event and never listens. */
  EventSink NONE =
      new EventSink() {
        @Override
        public boolean listening() {
          return false;
        }

        @Override
        public void accept(EngineEvent e) {}
      };

  /** Whether an event published now would reach anyone. */
  boolean listening();

  /** {@code events} as a sink: a sink as it is, any other consumer always listening. */
  static EventSink of(Consumer<EngineEvent> events) {
    Objects.requireNonNull(events, "events");
    if (events instanceof EventSink s) {
      return s;
    }
    return new EventSink() {
      @Override
      public boolean listening() {
        return true;
      }

      @Override
      public void accept(EngineEvent e) {
        events.accept(e);
      }
    };
  }
}
