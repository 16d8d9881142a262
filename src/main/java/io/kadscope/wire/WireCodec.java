package io.kadscope.wire;

import io.kadscope.engine.Contact;
import io.kadscope.engine.Defaults;
import io.kadscope.engine.NodeId;
import io.kadscope.engine.Value;
import io.kadscope.engine.rpc.MessageTooLargeException;
import io.kadscope.engine.rpc.Request;
import io.kadscope.engine.rpc.Response;
import io.kadscope.engine.rpc.ResponseKind;
import io.kadscope.engine.rpc.RpcKind;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import java.util.concurrent.ConcurrentHashMap;
import org.msgpack.core.MessageBufferPacker;
import org.msgpack.core.MessageFormat;
import org.msgpack.core.MessagePack;
import org.msgpack.core.MessagePackException;
import org.msgpack.core.MessagePacker;
import org.msgpack.value.ValueType;

/**
 * Converts between rpcudp datagrams and the engine's request and response records
 * (docs/wire-format.md): byte 0 is {@code 0x00} for a request or {@code 0x01} for a response, bytes
 * 1..20 the message id, then one msgpack value. The name each {@link RpcKind} goes by on the wire
 * is kept here, not in the engine.
 *
 * <pre>{@code
 * WireCodec codec = new WireCodec();
 * ByteBuffer out = codec.encodeRequest(id, new Request.Ping(self));      // valid until next call
 * Datagram in = codec.decode(bytes, 0, bytes.length);                    // or WireFormatException
 * Response r = codec.decodeResponse(sentRequest, ((Datagram.OfResponse) in).body());
 * }</pre>
 *
 * <p>Not thread-safe: it reuses one packer, one unpacker and one output buffer, so each thread (an
 * event loop) keeps its own. Decoding rejects anything malformed with a {@link WireFormatException}
 * before allocating for a claimed length.
 */
public final class WireCodec {
  /** Byte 0 of a request. */
  public static final byte KIND_REQUEST = 0x00;

  /** Byte 0 of a response. */
  public static final byte KIND_RESPONSE = 0x01;

  /** Kind byte and message id. */
  public static final int HEADER_BYTES = 1 + MessageId.BYTES;

  /** The shortest datagram the reference accepts: the header and a body of at least one byte. */
  public static final int MIN_DATAGRAM_BYTES = HEADER_BYTES + 1;

  /** The largest datagram a body within {@link Defaults#MAX_BODY_BYTES} makes. */
  public static final int MAX_DATAGRAM_BYTES = HEADER_BYTES + Defaults.MAX_BODY_BYTES;

  private static final RpcKind[] KINDS = RpcKind.values();
  private static final byte[][] WIRE_NAMES = new byte[KINDS.length][];
  private static final String[] REQUEST_LABELS = new String[KINDS.length];
  private static final String[] REPLY_LABELS = new String[KINDS.length];
  private static final String[] RESPONSE_LABELS = new String[ResponseKind.values().length];
  private static final String NAMES;

  static {
    StringJoiner names = new StringJoiner(", ", "one of ", "");
    for (RpcKind k : RpcKind.KADEMLIA) {
      String name = wireName(k);
      WIRE_NAMES[k.ordinal()] = utf8(name);
      REQUEST_LABELS[k.ordinal()] = name + " request";
      REPLY_LABELS[k.ordinal()] = name + " reply";
      names.add(name);
    }
    NAMES = names.toString();
    for (ResponseKind k : ResponseKind.values()) {
      RESPONSE_LABELS[k.ordinal()] = k.label() + " response";
    }
  }

  private static final byte[] VALUE_KEY = utf8("value");
  private static final int HOST_TEXT_CACHE = 4096;

  /** Bytes of a port as msgpack writes it at most: UINT16 and two bytes. */
  private static final int MAX_PORT_BYTES = 3;

  /** Contacts per list whose error labels are kept: more than k = 20, as lists may be. */
  private static final int CONTACT_LABELS = 32;

  /**
   * The error labels of each kind of contact list, shared by every codec of the process: kept per
   * codec, they were made again for each of a W1 boot's 256 ports, 16,000 calls of {@link #labels}
   * and 65,000 strings, enough for C2 to compile it (23 ms of its time).
   */
  private static final Map<String, String[][]> CONTACT_LABELS_BY_LIST = new ConcurrentHashMap<>();

  private final ByteSink sink = new ByteSink();
  private final MessagePacker packer = MessagePack.DEFAULT_PACKER_CONFIG.newPacker(sink);
  private final BodyReader reader = new BodyReader();
  private final byte[] idScratch = new byte[NodeId.BYTES];

  /**
   * Room for one contact: its array header, its id as bin 8, the longest IP literal as str 8, and
   * its port.
   */
  private final byte[] contactScratch =
      new byte[1 + 2 + NodeId.BYTES + 2 + IpLiterals.MAX_LENGTH + MAX_PORT_BYTES];

  private final byte[] nameScratch = new byte[16];
  private final Map<InetAddress, byte[]> hostText = new HashMap<>();

  // ------------------------------------------------------------------ encoding

  /**
   * The datagram for {@code request}: a read-only view of this codec's buffer, valid until its next
   * call (copy it out before then).
   *
   * @throws MessageTooLargeException when the body exceeds {@link Defaults#MAX_BODY_BYTES}
   */
  public ByteBuffer encodeRequest(MessageId id, Request request) {
    try {
      begin(KIND_REQUEST, id);
      packer.packArrayHeader(2);
      RpcKind kind = request.kind();
      byte[] name = WIRE_NAMES[kind.ordinal()];
      packer.packRawStringHeader(name.length);
      packer.writePayload(name);
      // A switch expression, so that the compiler checks that every kind is written.
      int written =
          switch (kind) {
            case PING -> args(request.sender());
            case STORE -> {
              Request.Store s = (Request.Store) request;
              yield args(s.sender(), s.key(), s.value());
            }
            case FIND_NODE -> args(request.sender(), ((Request.FindNode) request).target());
            case FIND_VALUE -> args(request.sender(), ((Request.FindValue) request).key());
            case STUN -> noArgs();
            case GET_PEERS, ANNOUNCE_PEER, GET_ITEM, PUT_ITEM -> throw notRpcudp(kind);
          };
      return finish(REQUEST_LABELS[kind.ordinal()]);
    } catch (IOException e) {
      throw new UncheckedIOException("writing to memory cannot fail", e);
    }
  }

  /**
   * The datagram for {@code response} to the request with message id {@code id}: a read-only view
   * of this codec's buffer, valid until its next call.
   *
   * @throws MessageTooLargeException when the body exceeds {@link Defaults#MAX_BODY_BYTES}, which a
   *     peer would drop as oversized
   */
  public ByteBuffer encodeResponse(MessageId id, Response response) {
    try {
      begin(KIND_RESPONSE, id);
      ResponseKind kind = response.kind();
      // A switch expression, so that the compiler checks that every kind is written.
      int written =
          switch (kind) {
            case PING_REPLY -> nodeId(((Response.PingReply) response).responder());
            case STORE_REPLY -> bool(((Response.StoreReply) response).stored());
            case NODES -> contacts(((Response.Nodes) response).contacts());
            case FOUND_VALUE -> foundValue(((Response.FoundValue) response).value());
            case STUN_REPLY -> {
              Response.StunReply stun = (Response.StunReply) response;
              yield address(stun.host(), stun.port());
            }
            case PEERS, ITEM, REFUSED ->
                throw new IllegalArgumentException("rpcudp has no " + kind.label());
          };
      return finish(RESPONSE_LABELS[kind.ordinal()]);
    } catch (IOException e) {
      throw new UncheckedIOException("writing to memory cannot fail", e);
    }
  }

  private void begin(byte kind, MessageId id) throws IOException {
    packer.clear();
    sink.reset();
    sink.write(kind);
    id.copyTo(idScratch, 0);
    sink.write(idScratch, 0, MessageId.BYTES);
  }

  private ByteBuffer finish(String what) throws IOException {
    packer.flush();
    int body = sink.size() - HEADER_BYTES;
    if (body > Defaults.MAX_BODY_BYTES) {
      sink.reset();
      throw new MessageTooLargeException(
          what
              + " body is "
              + body
              + " bytes; the wire allows at most "
              + Defaults.MAX_BODY_BYTES
              + " (rpcudp's limit)");
    }
    return sink.view();
  }

  /** The name an RPC goes by on the wire, the first item of a request body. */
  private static String wireName(RpcKind kind) {
    return switch (kind) {
      case PING -> "ping";
      case STORE -> "store";
      case FIND_NODE -> "find_node";
      case FIND_VALUE -> "find_value";
      case STUN -> "stun";
      case GET_PEERS, ANNOUNCE_PEER, GET_ITEM, PUT_ITEM -> throw notRpcudp(kind);
    };
  }

  /** The failure to write or read a kind beyond {@link RpcKind#KADEMLIA}, which rpcudp lacks. */
  private static IllegalArgumentException notRpcudp(RpcKind kind) {
    return new IllegalArgumentException(
        "rpcudp has no " + kind.label() + "; it speaks " + RpcKind.KADEMLIA);
  }

  // Writers of the items of a body; each returns how many msgpack values it wrote at its level.

  private int args(NodeId sender) throws IOException {
    packer.packArrayHeader(1);
    return nodeId(sender);
  }

  private int args(NodeId sender, NodeId id) throws IOException {
    packer.packArrayHeader(2);
    return nodeId(sender) + nodeId(id);
  }

  private int args(NodeId sender, NodeId key, Value value) throws IOException {
    packer.packArrayHeader(3);
    return nodeId(sender) + nodeId(key) + value(value);
  }

  private int noArgs() throws IOException {
    packer.packArrayHeader(0);
    return 0;
  }

  private int bool(boolean b) throws IOException {
    packer.packBoolean(b);
    return 1;
  }

  private int contacts(List<Contact> contacts) throws IOException {
    packer.packArrayHeader(contacts.size());
    for (Contact c : contacts) {
      contact(c);
    }
    return contacts.size();
  }

  /**
   * One contact, {@code [id, host, port]}, laid out in {@link #contactScratch} and handed to the
   * packer in one call: the bytes msgpack-core's {@code packArrayHeader(3)}, {@code
   * packBinaryHeader(20)}, the host's string and {@code packInt(port)} make, in one call where
   * those are six (an answer holds 20 contacts).
   */
  private void contact(Contact c) throws IOException {
    byte[] host = hostString(c.address());
    byte[] b = contactScratch;
    int n = 0;
    b[n++] = (byte) (MessagePack.Code.FIXARRAY_PREFIX | 3);
    b[n++] = MessagePack.Code.BIN8;
    b[n++] = (byte) NodeId.BYTES;
    c.id().copyTo(b, n);
    n += NodeId.BYTES;
    if (host.length > b.length - n - MAX_PORT_BYTES) {
      // a host string longer than any IP literal: as the packer writes it
      packer.writePayload(b, 0, n);
      packer.writePayload(host);
      packer.packInt(c.port());
      return;
    }
    System.arraycopy(host, 0, b, n, host.length);
    n += host.length;
    int port = c.port(); // 0..65535: InetSocketAddress checks it
    if (port < 1 << 7) {
      b[n++] = (byte) port; // positive fixint
    } else if (port < 1 << 8) {
      b[n++] = MessagePack.Code.UINT8;
      b[n++] = (byte) port;
    } else {
      b[n++] = MessagePack.Code.UINT16;
      b[n++] = (byte) (port >>> 8);
      b[n++] = (byte) port;
    }
    packer.writePayload(b, 0, n);
  }

  private int foundValue(Value v) throws IOException {
    packer.packMapHeader(1);
    packer.packRawStringHeader(VALUE_KEY.length);
    packer.writePayload(VALUE_KEY);
    return value(v);
  }

  private int address(String host, int port) throws IOException {
    packer.packArrayHeader(2);
    packer.packString(withoutZone(host));
    packer.packInt(port);
    return 2;
  }

  private int nodeId(NodeId id) throws IOException {
    id.copyTo(idScratch, 0);
    packer.packBinaryHeader(NodeId.BYTES);
    packer.writePayload(idScratch);
    return 1;
  }

  private int value(Value v) throws IOException {
    if (v instanceof Value.Str s) {
      packer.packString(s.value());
    } else if (v instanceof Value.Bin b) {
      byte[] bytes = b.value();
      packer.packBinaryHeader(bytes.length);
      packer.writePayload(bytes);
    } else if (v instanceof Value.Int i) {
      packer.packLong(i.value());
    } else if (v instanceof Value.Float f) {
      packer.packDouble(f.value());
    } else {
      packer.packBoolean(((Value.Bool) v).value());
    }
    return 1;
  }

  // ------------------------------------------------------------------ decoding

  /** Decodes a whole datagram held in {@code data}. */
  public Datagram decode(byte[] data) {
    return decode(data, 0, data.length);
  }

  /**
   * Decodes the datagram {@code data[offset, offset+length)}: a request fully, a response up to its
   * raw body (a view of {@code data}; type it with {@link #decodeResponse}).
   *
   * @throws WireFormatException when the bytes are not a valid datagram
   */
  public Datagram decode(byte[] data, int offset, int length) {
    if (length < MIN_DATAGRAM_BYTES) {
      throw new WireFormatException(
          "datagram of "
              + length
              + " bytes: expected at least "
              + MIN_DATAGRAM_BYTES
              + " (kind byte, 20-byte message id, body)");
    }
    if (length > MAX_DATAGRAM_BYTES) {
      throw new WireFormatException(
          "datagram of "
              + length
              + " bytes: expected at most "
              + MAX_DATAGRAM_BYTES
              + " (a body of at most "
              + Defaults.MAX_BODY_BYTES
              + " bytes)");
    }
    byte kind = data[offset];
    if (kind == KIND_RESPONSE) {
      MessageId id = MessageId.of(data, offset + 1);
      ByteBuffer body = ByteBuffer.wrap(data, offset + HEADER_BYTES, length - HEADER_BYTES).slice();
      return new Datagram.OfResponse(id, body);
    }
    if (kind != KIND_REQUEST) {
      throw new WireFormatException(
          String.format(
              "byte 0: expected 0x00 (request) or 0x01 (response), found 0x%02x", kind & 0xff));
    }
    reader.reset(data, offset + HEADER_BYTES, length - HEADER_BYTES);
    Request request;
    try {
      request = readRequest();
    } catch (IOException | MessagePackException e) {
      throw truncated(e);
    }
    reader.expectEnd(REQUEST_LABELS[request.kind().ordinal()]);
    return new Datagram.OfRequest(MessageId.of(data, offset + 1), request);
  }

  /**
   * Types a response body as the answer to {@code answered}: ping → {@link Response.PingReply},
   * store → {@link Response.StoreReply}, find_node → {@link Response.Nodes}, find_value → {@link
   * Response.FoundValue} or {@link Response.Nodes}, stun → {@link Response.StunReply}.
   *
   * @param body the msgpack body (datagram bytes 21..), as {@link Datagram.OfResponse#body()}; its
   *     position is not moved
   * @throws WireFormatException when the body is not a valid answer to {@code answered}
   */
  public Response decodeResponse(Request answered, ByteBuffer body) {
    int n = body.remaining();
    if (n > Defaults.MAX_BODY_BYTES) {
      throw new WireFormatException(
          REPLY_LABELS[answered.kind().ordinal()]
              + ": expected a body of at most "
              + Defaults.MAX_BODY_BYTES
              + " bytes, found "
              + n);
    }
    if (body.hasArray()) {
      reader.reset(body.array(), body.arrayOffset() + body.position(), n);
    } else {
      byte[] copy = new byte[n];
      body.duplicate().get(copy);
      reader.reset(copy, 0, n);
    }
    String what = REPLY_LABELS[answered.kind().ordinal()];
    Response response;
    try {
      response = readResponse(answered, what);
    } catch (IOException | MessagePackException e) {
      throw truncated(e);
    }
    reader.expectEnd(what);
    return response;
  }

  /** What msgpack-core throws on a header cut short or out of range, as our exception. */
  private WireFormatException truncated(Exception e) {
    return new WireFormatException(
        "body truncated or malformed near byte "
            + reader.datagramOffset()
            + ": expected a complete msgpack value, found "
            + e.getClass().getSimpleName()
            + (e.getMessage() != null ? " (" + e.getMessage() + ")" : ""),
        e);
  }

  private Request readRequest() throws IOException {
    reader.fixedArray("request body", 2, "[name, args]");
    int at = reader.datagramOffset();
    int n = reader.shortStr("request name", NAMES, nameScratch);
    RpcKind kind = kindNamed(n);
    if (kind == null) {
      throw BodyReader.mismatch(
          "request name", NAMES, "str " + BodyReader.quote(nameScratch, 0, n), at);
    }
    return switch (kind) {
      case PING -> {
        reader.fixedArray("ping args", 1, "[sender_id]");
        yield new Request.Ping(reader.nodeId("ping arg 0 (sender_id)"));
      }
      case STORE -> {
        reader.fixedArray("store args", 3, "[sender_id, key, value]");
        yield new Request.Store(
            reader.nodeId("store arg 0 (sender_id)"),
            reader.nodeId("store arg 1 (key)"),
            reader.value("store arg 2 (value)"));
      }
      case FIND_NODE -> {
        reader.fixedArray("find_node args", 2, "[sender_id, target_id]");
        yield new Request.FindNode(
            reader.nodeId("find_node arg 0 (sender_id)"),
            reader.nodeId("find_node arg 1 (target_id)"));
      }
      case FIND_VALUE -> {
        reader.fixedArray("find_value args", 2, "[sender_id, key]");
        yield new Request.FindValue(
            reader.nodeId("find_value arg 0 (sender_id)"), reader.nodeId("find_value arg 1 (key)"));
      }
      case STUN -> {
        reader.fixedArray("stun args", 0, "[]");
        yield new Request.Stun();
      }
      case GET_PEERS, ANNOUNCE_PEER, GET_ITEM, PUT_ITEM -> throw notRpcudp(kind);
    };
  }

  /** The kind whose wire name is the {@code n} bytes read into the name scratch, or null. */
  private RpcKind kindNamed(int n) {
    for (RpcKind k : RpcKind.KADEMLIA) {
      if (is(WIRE_NAMES[k.ordinal()], n)) {
        return k;
      }
    }
    return null;
  }

  private boolean is(byte[] name, int n) {
    if (n != name.length) {
      return false;
    }
    for (int i = 0; i < n; i++) {
      if (nameScratch[i] != name[i]) {
        return false;
      }
    }
    return true;
  }

  private Response readResponse(Request answered, String what) throws IOException {
    return switch (answered.kind()) {
      case PING -> new Response.PingReply(reader.nodeId(what));
      case STORE -> new Response.StoreReply(reader.bool(what));
      case FIND_NODE -> readNodes(what);
      case FIND_VALUE -> readValueOrNodes(what);
      case STUN -> {
        reader.fixedArray(what, 2, "[ip, port]");
        String host = reader.ip(what + " ip").getHostAddress();
        int port = (int) reader.integer(what + " port", 1, 65535);
        yield new Response.StunReply(host, port);
      }
      case GET_PEERS, ANNOUNCE_PEER, GET_ITEM, PUT_ITEM -> throw notRpcudp(answered.kind());
    };
  }

  private Response readValueOrNodes(String what) throws IOException {
    MessageFormat f = reader.peek();
    if (f != null && f.getValueType() == ValueType.MAP) {
      return readFoundValue(what);
    } else if (f != null && f.getValueType() == ValueType.ARRAY) {
      return readNodes(what);
    }
    throw BodyReader.mismatch(
        what,
        "map {\"value\": v} or array of contacts",
        BodyReader.describe(f),
        reader.datagramOffset());
  }

  private Response.Nodes readNodes(String what) throws IOException {
    int n = reader.arrayHeader(what, "array of contacts [id, ip, port]");
    List<Contact> contacts = new ArrayList<>(n);
    String[][] labels = contactLabels(what);
    for (int i = 0; i < n; i++) {
      String[] l = i < labels.length ? labels[i] : labels(what, i);
      reader.fixedArray(l[0], 3, "[id, ip, port]");
      NodeId id = reader.nodeId(l[1]);
      InetAddress ip = reader.ip(l[2]);
      int port = (int) reader.integer(l[3], 1, 65535);
      contacts.add(new Contact(id, reader.socket(ip, port)));
    }
    return new Response.Nodes(contacts);
  }

  /**
   * The error labels of the contacts of a list ("find_node response contact 3 ip", …), made once
   * per kind of list rather than four string concatenations per contact decoded.
   */
  private static String[][] contactLabels(String what) {
    return CONTACT_LABELS_BY_LIST.computeIfAbsent(
        what,
        w -> {
          String[][] all = new String[CONTACT_LABELS][];
          for (int i = 0; i < all.length; i++) {
            all[i] = labels(w, i);
          }
          return all;
        });
  }

  private static String[] labels(String what, int i) {
    String c = what + " contact " + i;
    return new String[] {c, c + " id", c + " ip", c + " port"};
  }

  private Response.FoundValue readFoundValue(String what) throws IOException {
    int at = reader.datagramOffset();
    int n = reader.mapHeader(what, "map {\"value\": v}");
    if (n != 1) {
      throw BodyReader.mismatch(what, "map of 1 entry {\"value\": v}", "map of " + n, at);
    }
    int keyAt = reader.datagramOffset();
    int k = reader.shortStr(what + " key", "str 'value'", nameScratch);
    if (!is(VALUE_KEY, k)) {
      throw BodyReader.mismatch(
          what + " key", "str 'value'", "str " + BodyReader.quote(nameScratch, 0, k), keyAt);
    }
    return new Response.FoundValue(reader.value(what + " value"));
  }

  /**
   * The host of {@code address} as a whole msgpack string, header and text, as {@code
   * packRawStringHeader} and the UTF-8 bytes make it. It is kept per IP address (up to {@link
   * #HOST_TEXT_CACHE} of them): a find_node answer lists the same routing-table contacts again and
   * again, and formatting 20 addresses afresh cost ~1.8 kB of garbage per answer.
   */
  private byte[] hostString(InetSocketAddress address) throws IOException {
    InetAddress ip = address.getAddress();
    byte[] encoded = ip == null ? null : hostText.get(ip);
    if (encoded == null) {
      byte[] text = utf8(withoutZone(ip == null ? address.getHostString() : ip.getHostAddress()));
      MessageBufferPacker one = MessagePack.newDefaultBufferPacker();
      one.packRawStringHeader(text.length);
      one.writePayload(text);
      encoded = one.toByteArray();
      if (ip != null) {
        if (hostText.size() >= HOST_TEXT_CACHE) {
          hostText.clear();
        }
        hostText.put(ip, encoded);
      }
    }
    return encoded;
  }

  /** An IPv6 zone ({@code %eth0}, {@code %0}) names an interface of this host: never sent. */
  private static String withoutZone(String host) {
    int zone = host.indexOf('%');
    return zone < 0 ? host : host.substring(0, zone);
  }

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
