package io.kadscope.gui.session;

import io.kadscope.engine.NodeId;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The text keys this window has seen (typed in the form, seeded in the local network), by their
 * SHA-1, so that views can label a 160-bit key as {@code "greeting"} rather than by its hash.
 */
public final class KeyNames {
  private final Map<NodeId, String> names = new ConcurrentHashMap<>();

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
