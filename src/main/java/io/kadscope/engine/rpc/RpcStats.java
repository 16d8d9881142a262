package io.kadscope.engine.rpc;

/**
 * What a port has received, answered and dropped since it started.
 *
 * @param received datagrams received
 * @param malformed datagrams dropped because they did not decode (bad layout, msgpack or types)
 * @param unsolicited responses dropped: unknown message id, wrong sender address, or a duplicate
 * @param oversized datagrams dropped because they were larger than a body may be
 */
public record RpcStats(long received, long malformed, long unsolicited, long oversized) {
  /** All zero. */
  public static final RpcStats EMPTY = new RpcStats(0, 0, 0, 0);

  /** Everything dropped. */
  public long dropped() {
    return malformed + unsolicited + oversized;
  }
}
