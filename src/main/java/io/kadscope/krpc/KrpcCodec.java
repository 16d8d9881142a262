package io.kadscope.krpc;

import java.net.InetSocketAddress;
import java.util.Arrays;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

/**
 * Converts between KRPC datagrams (BEP 5: bencoded dicts over UDP) and typed messages; knows
 * nothing of sockets. Stateless and thread-safe.
 *
 * <pre>{@code
 * KrpcCodec codec = new KrpcCodec();
 * byte[] out = codec.encode(KrpcQuery.of(TransactionId.ofShort(1), self, new Query.Ping()));
 * KrpcMessage in = codec.decode(datagram);              // or KrpcFormatException
 * if (in instanceof KrpcRawResponse raw) {
 *   KrpcResponse r = codec.decodeResponse(pending.get(raw.transaction()), raw);
 * }
 * }</pre>
 *
 * <p>Decoding is bounded: at most {@link #MAX_DATAGRAM_BYTES} bytes, then {@link Bencode}'s limits
 * on lengths and nesting. Keys a message does not model are kept (see {@link QueryKind}), so that a
 * message decoded and re-encoded gives its bytes again when the peer encoded it canonically, as
 * libtorrent does. Unknown methods decode as {@link Query.Unknown}; keys of the outer dict other
 * than {@code t y q a r e v ip ro} are dropped.
 */
public final class KrpcCodec {
  /**
   * The largest datagram decoded or encoded. Ethernet's 1500-byte MTU leaves 1472 bytes of UDP
   * payload over IPv4, and KRPC messages normally fit; but a BEP 44 {@code get} reply with a full
   * 1000-byte {@code v}, its key, signature, a token and 8 IPv4 plus 8 IPv6 nodes comes to about
   * 1,750 bytes and travels fragmented. 2048 leaves room for it and bounds the work per datagram.
   * libtorrent accepts larger.
   */
  public static final int MAX_DATAGRAM_BYTES = 2048;

  /** The client version KadScope sends in {@code v}: "KS" and version 0.1 (BEP 20's style). */
  public static final BBytes CLIENT_VERSION = BBytes.of(new byte[] {'K', 'S', 0, 1});

  // ------------------------------------------------------------------ decoding

  /** Decodes a whole datagram. */
  public KrpcMessage decode(byte[] datagram) {
    return decode(datagram, 0, datagram.length);
  }

  /**
   * Decodes the datagram {@code data[offset, offset+length)}: a query fully, a response up to its
   * raw values, an error fully. Byte positions in errors count from {@code offset}. Nothing decoded
   * refers to {@code data} afterwards, so the caller may reuse it at once.
   *
   * @throws KrpcFormatException when the bytes are not a valid KRPC message; for a malformed query
   *     whose transaction id was read, {@link KrpcFormatException#queryTransaction()} holds it
   */
  public KrpcMessage decode(byte[] data, int offset, int length) {
    if (length > MAX_DATAGRAM_BYTES) {
      throw new KrpcFormatException(
          "datagram of " + length + " bytes: expected at most " + MAX_DATAGRAM_BYTES);
    }
    // A raw response reads its values again when typed, possibly after the caller has reused
    // its buffer: decode from a copy of our own (at most 2 KB).
    byte[] own = Arrays.copyOfRange(data, offset, offset + length);
    Bencode.Parsed parsed;
    try {
      parsed = Bencode.parse(own, 0, length);
    } catch (BencodeException e) {
      throw new KrpcFormatException(e.getMessage(), e);
    }
    Fields f = new Fields(parsed);
    BDict top = f.dict(parsed.root(), "message");
    BBytes t = f.bytes(top, "t", "", "the transaction id");
    if (t.length() == 0) {
      throw Fields.mismatch(
          "t", "a byte string of at least 1 byte (the transaction id)", t.describe(), f.at(t));
    }
    TransactionId transaction = TransactionId.of(t);
    BBytes y = f.bytes(top, "y", "", "'q', 'r' or 'e'");
    if (y.is("q")) {
      try {
        return query(top, transaction, f);
      } catch (KrpcFormatException e) {
        throw e.inQuery(transaction);
      }
    } else if (y.is("r")) {
      return response(top, transaction, f, parsed);
    } else if (y.is("e")) {
      return error(top, transaction, f);
    }
    throw Fields.mismatch("y", "'q', 'r' or 'e'", y.toString(), f.at(y));
  }

  private static KrpcQuery query(BDict top, TransactionId t, Fields f) {
    Optional<BBytes> version = version(top, f);
    BBytes method = f.bytes(top, "q", "", "the method name");
    QueryKind kind = QueryKind.ofMethod(method);
    String what = (kind == QueryKind.UNKNOWN ? method.toString() : kind.method()) + " query a";
    BDict a = f.optDict(top, "a", "");
    if (a == null) {
      throw f.missing("a", "a dict (the arguments)", top);
    }
    Id160 sender = f.id(a, "id", what, "the querier's node id");
    OptionalLong ro = f.optInteger(top, "ro", "", 0, 1, "BEP 43's read-only flag");
    Query query = QueryArgs.read(kind, method, a, f, what);
    return new KrpcQuery(t, sender, query, ro.orElse(0) == 1, version, a.without(kind.argKeys()));
  }

  private static KrpcRawResponse response(
      BDict top, TransactionId t, Fields f, Bencode.Parsed parsed) {
    Optional<BBytes> version = version(top, f);
    BDict r = f.optDict(top, "r", "");
    if (r == null) {
      throw f.missing("r", "a dict (the reply values)", top);
    }
    Id160 responder = f.id(r, "id", "r", "the responder's node id");
    return new KrpcRawResponse(t, responder, r, ip(top, f), version, parsed);
  }

  private static KrpcError error(BDict top, TransactionId t, Fields f) {
    Optional<BBytes> version = version(top, f);
    BValue e = top.get("e");
    String expected = "a list [code, message] of an integer and a byte string";
    if (e == null) {
      throw f.missing("e", expected, top);
    }
    if (!(e instanceof BList l)
        || l.size() != 2
        || !(l.items().get(0) instanceof BInt code)
        || !(l.items().get(1) instanceof BBytes message)) {
      String found = e instanceof BList l ? "a list of " + describeItems(l) : e.describe();
      throw Fields.mismatch("e", expected, found, f.at(e));
    }
    if (code.value() < Integer.MIN_VALUE || code.value() > Integer.MAX_VALUE) {
      throw Fields.mismatch(
          "e[0]", "an error code such as 201..204", Long.toString(code.value()), f.at(code));
    }
    BDict r = f.optDict(top, "r", "");
    Optional<Id160> responder = Optional.empty();
    BDict other = BDict.EMPTY;
    if (r != null) {
      BBytes id = f.optExact(r, "id", "r", Id160.BYTES, "the responder's node id");
      responder = Optional.ofNullable(id).map(Id160::of);
      other = r.without(Set.of(BBytes.utf8("id")));
    }
    return new KrpcError(
        t, (int) code.value(), message.toUtf8(), responder, ip(top, f), version, other);
  }

  private static String describeItems(BList l) {
    StringBuilder sb = new StringBuilder("[");
    for (int i = 0; i < l.size(); i++) {
      sb.append(i > 0 ? ", " : "").append(l.items().get(i).describe());
    }
    return sb.append(']').toString();
  }

  private static Optional<BBytes> version(BDict top, Fields f) {
    return Optional.ofNullable(f.optBytes(top, "v", "", "the client version"));
  }

  private static Optional<InetSocketAddress> ip(BDict top, Fields f) {
    return Optional.ofNullable(f.optPeer(top, "ip", "", "the requester's compact address, BEP 42"));
  }

  /**
   * Types a response as the reply to {@code answered}, the query whose transaction id it echoes.
   *
   * @throws KrpcFormatException when the values are not a valid reply to {@code answered}
   */
  public KrpcResponse decodeResponse(Query answered, KrpcRawResponse raw) {
    QueryKind kind = answered.kind();
    String what = (kind == QueryKind.UNKNOWN ? "reply" : kind.method() + " reply") + " r";
    Reply reply = ReplyValues.read(kind, raw.values(), new Fields(raw.parsed()), what);
    return new KrpcResponse(
        raw.transaction(),
        raw.responder(),
        reply,
        raw.requesterAddress(),
        raw.clientVersion(),
        raw.values().without(kind.replyKeys()));
  }

  // ------------------------------------------------------------------ encoding

  /**
   * The datagram of {@code query}.
   *
   * @throws IllegalArgumentException when it would exceed {@link #MAX_DATAGRAM_BYTES}
   */
  public byte[] encode(KrpcQuery query) {
    Query q = query.query();
    BBytes method = q instanceof Query.Unknown u ? u.method() : BBytes.utf8(q.kind().method());
    BDict.Builder a =
        BDict.builder().putAll(query.otherArgs()).put("id", query.sender().toBBytes());
    BDict.Builder top =
        BDict.builder()
            .put("a", QueryArgs.write(q, a).build())
            .put("q", method)
            .put("t", query.transaction().toBBytes())
            .put("y", BBytes.utf8("q"));
    query.clientVersion().ifPresent(v -> top.put("v", v));
    if (query.readOnly()) {
      top.put("ro", 1);
    }
    return finish(top.build(), method + " query");
  }

  /**
   * The datagram of {@code response}.
   *
   * @throws IllegalArgumentException when it would exceed {@link #MAX_DATAGRAM_BYTES}
   */
  public byte[] encode(KrpcResponse response) {
    BDict.Builder r =
        BDict.builder().putAll(response.otherValues()).put("id", response.responder().toBBytes());
    BDict.Builder top =
        BDict.builder()
            .put("r", ReplyValues.write(response.reply(), r).build())
            .put("t", response.transaction().toBBytes())
            .put("y", BBytes.utf8("r"));
    response.requesterAddress().ifPresent(ip -> top.put("ip", Compact.peer(ip)));
    response.clientVersion().ifPresent(v -> top.put("v", v));
    String method = response.reply().answers().method();
    return finish(top.build(), (method == null ? "" : method + " ") + "reply");
  }

  /**
   * The datagram of {@code error}.
   *
   * @throws IllegalArgumentException when it would exceed {@link #MAX_DATAGRAM_BYTES}
   */
  public byte[] encode(KrpcError error) {
    BDict.Builder top =
        BDict.builder()
            .put("e", BList.of(new BInt(error.code()), BBytes.utf8(error.message())))
            .put("t", error.transaction().toBBytes())
            .put("y", BBytes.utf8("e"));
    if (error.responder().isPresent() || !error.otherValues().isEmpty()) {
      BDict.Builder r = BDict.builder().putAll(error.otherValues());
      error.responder().ifPresent(id -> r.put("id", id.toBBytes()));
      top.put("r", r.build());
    }
    error.requesterAddress().ifPresent(ip -> top.put("ip", Compact.peer(ip)));
    error.clientVersion().ifPresent(v -> top.put("v", v));
    return finish(top.build(), "error " + error.code());
  }

  private static byte[] finish(BDict message, String what) {
    byte[] bytes = Bencode.encode(message);
    if (bytes.length > MAX_DATAGRAM_BYTES) {
      throw new IllegalArgumentException(
          what + " is " + bytes.length + " bytes: expected at most " + MAX_DATAGRAM_BYTES);
    }
    return bytes;
  }
}
