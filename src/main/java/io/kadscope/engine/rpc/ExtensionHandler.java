package io.kadscope.engine.rpc;

import io.kadscope.engine.Contact;
import io.kadscope.engine.NodeId;
import java.net.InetSocketAddress;
import java.util.List;

/**
 * Answers the requests of the kinds the node's own server does not (all but {@link
 * RpcKind#KADEMLIA}: peers and items, which a protocol that speaks them stores in its own way). The
 * server calls it after its defences have let the request through and the sender has been recorded
 * as a contact. Runs on the port's I/O thread and must not block.
 *
 * <pre>{@code
 * KademliaNode node = KademliaNode.builder().rpcPort(port).scheduler(s)
 *     .extension((from, request, neighbours) -> ...)   // e.g. the Mainline node's server
 *     .build();
 * }</pre>
 */
@FunctionalInterface
public interface ExtensionHandler {
  /** Answers nothing: a node without an extension leaves such requests unanswered. */
  ExtensionHandler NONE = (from, request, neighbours) -> null;

  /**
   * @param from the address the request came from
   * @param neighbours the node's contacts closest to a target, for the contacts an answer lists
   * @return the answer, a {@link Response.Refused}, or {@code null} to send none
   */
  Response answer(InetSocketAddress from, Request request, Neighbours neighbours);

  /** The node's k contacts closest to a target, the asker left out, closest first. */
  @FunctionalInterface
  interface Neighbours {
    /** The k closest contacts to {@code target}. */
    List<Contact> closest(NodeId target);
  }
}
