package io.kadscope.krpc;

import java.util.Objects;
import java.util.Optional;

/**
 * A KRPC query ({@code y = "q"}): the transaction id, the querier's node id ({@code a.id}), the
 * typed arguments, BEP 43's read-only flag {@code ro}, the client version {@code v}, and every
 * argument this codec does not model ({@code otherArgs}, e.g. BEP 33's {@code scrape}), kept so
 * that re-encoding gives the same bytes.
 *
 * <pre>{@code
 * KrpcQuery ping = KrpcQuery.of(TransactionId.ofShort(7), self, new Query.Ping());
 * byte[] datagram = codec.encode(ping.withClientVersion(KrpcCodec.CLIENT_VERSION));
 * }</pre>
 */
public record KrpcQuery(
    TransactionId transaction,
    Id160 sender,
    Query query,
    boolean readOnly,
    Optional<BBytes> clientVersion,
    BDict otherArgs)
    implements KrpcMessage {

  /** A query; {@code otherArgs} may not hold a key that {@code query}'s kind models. */
  public KrpcQuery {
    Objects.requireNonNull(transaction, "transaction");
    Objects.requireNonNull(sender, "sender");
    Objects.requireNonNull(query, "query");
    Objects.requireNonNull(clientVersion, "clientVersion");
    Objects.requireNonNull(otherArgs, "otherArgs");
    for (BBytes key : otherArgs.keys()) {
      if (query.kind().argKeys().contains(key)) {
        throw new IllegalArgumentException(
            "otherArgs holds " + key + ", which " + query.kind() + " models itself");
      }
    }
  }

  /** A query with no client version, not read-only, with no other arguments. */
  public static KrpcQuery of(TransactionId transaction, Id160 sender, Query query) {
    return new KrpcQuery(transaction, sender, query, false, Optional.empty(), BDict.EMPTY);
  }

  /** This query with client version {@code version}. */
  public KrpcQuery withClientVersion(BBytes version) {
    return new KrpcQuery(transaction, sender, query, readOnly, Optional.of(version), otherArgs);
  }

  /** This query marked read-only (BEP 43): the querier does not answer queries itself. */
  public KrpcQuery asReadOnly() {
    return new KrpcQuery(transaction, sender, query, true, clientVersion, otherArgs);
  }
}
