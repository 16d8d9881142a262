package io.kadscope.engine;

import io.kadscope.engine.lookup.LookupReply;
import io.kadscope.engine.rpc.Response;

/**
 * Reads one contact's answer to a lookup's query as the lookup needs it (contacts, a value, a write
 * token), for lookups whose query is not one the node builds itself: a protocol's lookup of peers
 * or items, which keeps what else the answers carry. Runs on the thread that completed the RPC.
 *
 * <pre>{@code
 * node.lookup(LookupKind.NODE, infoHash, LookupPurpose.PEERS, StopPolicy.AFTER_K_CLOSEST,
 *     new Request.GetPeers(node.id(), infoHash),
 *     (from, r) -> { Response.Peers p = (Response.Peers) r; found.addAll(p.peers());
 *                    return new LookupReply(p.contacts(), Optional.empty(), p.token()); });
 * }</pre>
 */
@FunctionalInterface
public interface LookupReader {
  /**
   * The lookup's view of {@code response}, an answer of a kind the query's {@link
   * io.kadscope.engine.rpc.RpcKind} names. Throwing counts the contact as failed for this lookup
   * (for instance when it returned an item that does not verify).
   */
  LookupReply read(Contact from, Response response);
}
