package io.kadscope.gui.common;

import io.kadscope.engine.NodeId;
import java.util.List;
import java.util.Optional;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.SimpleObjectProperty;

/**
 * The peers that hold the key of the user's latest set or get, for the network map to light: the k
 * closest that acknowledged a set (and those that did not), or the peers a get's lookup ended on
 * and the one that returned the value.
 */
public final class KeyHolders {
  /**
   * One key's holders.
   *
   * @param key the key
   * @param label its name ({@code "greeting"})
   * @param holders the peers that hold it (or, after a get, the closest the lookup reached)
   * @param failed the peers among the k closest that did not acknowledge the store
   * @param source the peer whose answer gave the value, after a get that found it
   * @param what how the holders were learnt, in words
   */
  public record Lit(
      NodeId key,
      String label,
      List<NodeId> holders,
      List<NodeId> failed,
      Optional<NodeId> source,
      String what) {
    public Lit {
      holders = List.copyOf(holders);
      failed = List.copyOf(failed);
    }
  }

  private final ObjectProperty<Lit> lit = new SimpleObjectProperty<>();

  /** Lights the holders of a key (on the FX thread). */
  public void light(Lit l) {
    lit.set(l);
  }

  /** The key lit last, or null. */
  public ReadOnlyObjectProperty<Lit> litProperty() {
    return lit;
  }
}
