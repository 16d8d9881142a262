package io.kadscope.mainline.node;

import io.kadscope.engine.Contact;
import io.kadscope.engine.NodeId;
import io.kadscope.mainline.Item;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** How the Mainline node's operations ended, one record each; every one names its lookup. */
public final class Results {
  private Results() {}

  /**
   * A {@code put} of an item: its target, the closest nodes that stored it, and those that did not
   * (no token, a refusal, or no answer).
   */
  public record ItemPut(
      NodeId target, List<Contact> storedOn, List<Contact> failed, long lookupId) {
    public ItemPut {
      Objects.requireNonNull(target, "target");
      storedOn = List.copyOf(storedOn);
      failed = List.copyOf(failed);
    }
  }

  /** A {@code get} of an item: what was found (checked), and who returned it. */
  public record ItemGot(NodeId target, Optional<Item> item, Optional<Contact> from, long lookupId) {
    public ItemGot {
      Objects.requireNonNull(target, "target");
      Objects.requireNonNull(item, "item");
      Objects.requireNonNull(from, "from");
    }

    /** The item's value as a person reads it (see {@link MainlineNode#text}). */
    public Optional<String> text() {
      return item.map(Items::text);
    }
  }

  /**
   * An {@code announce}: the closest nodes to the info-hash that took it, and those that did not.
   */
  public record Announced(
      NodeId infoHash, int port, List<Contact> on, List<Contact> failed, long lookupId) {
    public Announced {
      Objects.requireNonNull(infoHash, "infoHash");
      on = List.copyOf(on);
      failed = List.copyOf(failed);
    }
  }

  /**
   * A {@code get_peers} lookup: the distinct peers the nodes on its path listed, in the order they
   * came, and how many nodes answered.
   */
  public record PeersFound(
      NodeId infoHash, List<InetSocketAddress> peers, int answered, long lookupId) {
    public PeersFound {
      Objects.requireNonNull(infoHash, "infoHash");
      peers = List.copyOf(peers);
    }
  }
}
