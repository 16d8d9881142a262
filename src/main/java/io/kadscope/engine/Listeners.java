package io.kadscope.engine;

import io.kadscope.engine.event.EngineEvent;
import io.kadscope.engine.event.EngineListener;
import io.kadscope.engine.event.EventSink;
import java.util.Collection;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A node's event listeners: hands every event to each of them in turn, on the thread that caused
 * it. A listener that throws is logged and does not stop the others or the engine. With no listener
 * it says so ({@link #listening()}), and the engine builds no event.
 */
final class Listeners implements EventSink {
  private static final Logger log = LoggerFactory.getLogger(KademliaNode.class);

  private final CopyOnWriteArrayList<EngineListener> all = new CopyOnWriteArrayList<>();

  Listeners(Collection<EngineListener> initial) {
    all.addAll(initial);
  }

  void add(EngineListener l) {
    all.add(Objects.requireNonNull(l));
  }

  void remove(EngineListener l) {
    all.remove(l);
  }

  @Override
  public boolean listening() {
    return !all.isEmpty();
  }

  @Override
  public void accept(EngineEvent e) {
    for (EngineListener l : all) {
      try {
        l.onEvent(e);
      } catch (RuntimeException ex) {
        log.warn("An event listener failed on {}: {}", e.getClass().getSimpleName(), ex.toString());
      }
    }
  }
}
