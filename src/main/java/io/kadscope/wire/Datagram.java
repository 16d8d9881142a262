package io.kadscope.wire;

import io.kadscope.engine.rpc.Request;
import java.nio.ByteBuffer;
import java.util.Objects;

/**
 * One decoded datagram: a request, fully typed, or a response whose body is kept raw because its
 * type depends on the request it answers (type it with {@link WireCodec#decodeResponse}).
 */
public sealed interface Datagram permits Datagram.OfRequest, Datagram.OfResponse {

  /** The message id at bytes 1..20. */
  MessageId id();

  /** A request datagram (byte 0 is {@code 0x00}). */
  record OfRequest(MessageId id, Request request) implements Datagram {
    public OfRequest {
      Objects.requireNonNull(id, "id");
      Objects.requireNonNull(request, "request");
    }
  }

  /**
   * A response datagram (byte 0 is {@code 0x01}) with its still untyped msgpack body. The body is a
   * view of the decoded bytes (not a copy: do not modify it), valid while the caller keeps them.
   */
  record OfResponse(MessageId id, ByteBuffer body) implements Datagram {
    public OfResponse {
      Objects.requireNonNull(id, "id");
      Objects.requireNonNull(body, "body");
    }
  }
}
