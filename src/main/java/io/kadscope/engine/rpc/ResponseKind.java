package io.kadscope.engine.rpc;

/**
 * The shapes a {@link Response} comes in; {@link RpcKind#replies()} says which answer which RPC.
 */
public enum ResponseKind {
  /** {@link Response.PingReply}: the responder's id. */
  PING_REPLY("ping reply"),
  /** {@link Response.StoreReply}: whether the value (or peer, or item) was stored. */
  STORE_REPLY("store reply"),
  /** {@link Response.Nodes}: a list of contacts. */
  NODES("contact list"),
  /** {@link Response.FoundValue}: the value held under a key. */
  FOUND_VALUE("found value"),
  /** {@link Response.StunReply}: the requester's address. */
  STUN_REPLY("stun reply"),
  /** {@link Response.Peers}: the peers of an info-hash, closer contacts and a write token. */
  PEERS("peer list"),
  /** {@link Response.ItemReply}: the item under a target if held, closer contacts, a token. */
  ITEM("item reply"),
  /**
   * {@link Response.Refused}: the responder refused the request, with its protocol's error code and
   * text. It may answer any RPC and fails it: a port completes the request exceptionally with an
   * {@link RpcRefusedException}, so that no caller mistakes it for an answer.
   */
  REFUSED("refusal");

  private final String label;

  ResponseKind(String label) {
    this.label = label;
  }

  /** What errors and logs call it: {@code contact list}, {@code found value}, … */
  public String label() {
    return label;
  }

  @Override
  public String toString() {
    return label;
  }
}
