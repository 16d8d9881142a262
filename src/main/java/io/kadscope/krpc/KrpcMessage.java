package io.kadscope.krpc;

import java.util.Optional;

/**
 * One decoded KRPC datagram: a query, fully typed; a response, whose values stay raw until the
 * pending query it answers is known (type it with {@link KrpcCodec#decodeResponse}); or an error.
 */
public sealed interface KrpcMessage permits KrpcQuery, KrpcRawResponse, KrpcError {

  /** The transaction id {@code t}. */
  TransactionId transaction();

  /** The sender's client version {@code v} (e.g. {@code "LT" 0x02 0x08}), if it sent one. */
  Optional<BBytes> clientVersion();
}
