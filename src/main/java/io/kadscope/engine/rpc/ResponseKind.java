package io.kadscope.engine.rpc;

/**
 * The shapes a {@link Response} comes in; {@link RpcKind#replies()} says which answer which RPC.
 */
public enum ResponseKind {
  /** {@link Response.PingReply}: the responder's id. */
  PING_REPLY("ping reply"),
  /** {@link Response.StoreReply}: whether the value was stored. */
  STORE_REPLY("store reply"),
  /** {@link Response.Nodes}: a list of contacts. */
  NODES("contact list"),
  /** {@link Response.FoundValue}: the value held under a key. */
  FOUND_VALUE("found value"),
  /** {@link Response.StunReply}: the requester's address. */
  STUN_REPLY("stun reply");

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
