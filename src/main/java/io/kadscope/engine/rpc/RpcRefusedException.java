package io.kadscope.engine.rpc;

import java.net.InetSocketAddress;

/**
 * The peer answered, but refused the request: {@link #code()} and {@link #reason()} are the error
 * its protocol sent, e.g. {@code 127.0.0.1:6881 refused announce_peer: error 203 "invalid token"}.
 * The peer is alive; the request did not succeed.
 */
public class RpcRefusedException extends RpcException {
  private final InetSocketAddress from;
  private final int code;
  private final String reason;

  /** {@code from} refused {@code kind} with error {@code code} and text {@code reason}. */
  public RpcRefusedException(InetSocketAddress from, RpcKind kind, int code, String reason) {
    super(
        HostPort.of(from) + " refused " + kind.label() + ": error " + code + " \"" + reason + "\"");
    this.from = from;
    this.code = code;
    this.reason = reason;
  }

  /** Who refused. */
  public InetSocketAddress from() {
    return from;
  }

  /** The protocol's error code. */
  public int code() {
    return code;
  }

  /** The protocol's error text. */
  public String reason() {
    return reason;
  }
}
