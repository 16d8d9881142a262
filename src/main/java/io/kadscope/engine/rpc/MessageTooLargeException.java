package io.kadscope.engine.rpc;

/** A request whose body would exceed what one datagram may carry (8192 bytes, as the reference). */
public class MessageTooLargeException extends RpcException {
  public MessageTooLargeException(String message) {
    super(message);
  }
}
