package io.kadscope.krpc;

import java.net.InetSocketAddress;
import java.util.Objects;
import java.util.Optional;

/**
 * A KRPC response ({@code y = "r"}) whose values are not typed yet: what they mean depends on the
 * query it answers, which only the querier's table of pending transactions knows. Give it, with
 * that query, to {@link KrpcCodec#decodeResponse}. The responder's id is already checked.
 */
public final class KrpcRawResponse implements KrpcMessage {
  private final TransactionId transaction;
  private final Id160 responder;
  private final BDict values;
  private final Optional<InetSocketAddress> requesterAddress;
  private final Optional<BBytes> clientVersion;
  private final Bencode.Parsed parsed;

  KrpcRawResponse(
      TransactionId transaction,
      Id160 responder,
      BDict values,
      Optional<InetSocketAddress> requesterAddress,
      Optional<BBytes> clientVersion,
      Bencode.Parsed parsed) {
    this.transaction = Objects.requireNonNull(transaction, "transaction");
    this.responder = Objects.requireNonNull(responder, "responder");
    this.values = Objects.requireNonNull(values, "values");
    this.requesterAddress = Objects.requireNonNull(requesterAddress, "requesterAddress");
    this.clientVersion = Objects.requireNonNull(clientVersion, "clientVersion");
    this.parsed = Objects.requireNonNull(parsed, "parsed");
  }

  @Override
  public TransactionId transaction() {
    return transaction;
  }

  /** The responder's node id, {@code r.id}. */
  public Id160 responder() {
    return responder;
  }

  /** The dict {@code r}, untyped. */
  public BDict values() {
    return values;
  }

  /** BEP 42's {@code ip}: our address as the responder saw it. */
  public Optional<InetSocketAddress> requesterAddress() {
    return requesterAddress;
  }

  @Override
  public Optional<BBytes> clientVersion() {
    return clientVersion;
  }

  /** The decoded datagram, for byte positions in errors found while typing. */
  Bencode.Parsed parsed() {
    return parsed;
  }

  @Override
  public String toString() {
    return "KRPC response from " + responder + " (t=" + transaction + ") " + values;
  }
}
