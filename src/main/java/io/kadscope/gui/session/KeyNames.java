package io.kadscope.gui.session;

import io.kadscope.engine.NodeId;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The text keys this window has seen (typed in the form, seeded in the local network), by their
 * SHA-1, so that views can label a 160-bit key as {@code "greeting"} rather than by its hash; and
 * which of them the network was last seen to hold (a set that was acknowledged, a get that found
 * it), so that a key whose set failed is not shown as stored.
 */
public final class KeyNames {
  private final Map<NodeId, String> names = new ConcurrentHashMap<>();
  private final Set<NodeId> inNetwork = ConcurrentHashMap.newKeySet();

  /** The network holds {@code key}: a set was acknowledged or a get found it. */
  public void confirm(NodeId key) {
    inNetwork.add(key);
  }

  /** The network was last seen not to hold {@code key}: a set failed or a get found nothing. */
  public void unconfirm(NodeId key) {
    inNetwork.remove(key);
  }

  /** Whether the network was last seen to hold {@code key}. */
  public boolean confirmed(NodeId key) {
    return inNetwork.contains(key);
  }

  /** Remembers {@code key} and returns its id. */
  public NodeId remember(String key) {
    NodeId id = NodeId.ofKey(key);
    names.put(id, key);
    return id;
  }

  /** The text key whose SHA-1 is {@code id}, if this window has seen it. */
  public Optional<String> nameOf(NodeId id) {
    return Optional.ofNullable(names.get(id));
  }

  /** Every key seen, by id. */
  public Map<NodeId, String> all() {
    return Map.copyOf(names);
  }

  /** {@code "greeting"} for a known key, else the first hex digits. */
  public String label(NodeId id) {
    return nameOf(id).map(n -> "\"" + n + "\"").orElseGet(() -> id.shortHex(8) + "…");
  }
}
