package io.kadscope.wire;

import io.kadscope.engine.Contact;
import io.kadscope.engine.Defaults;
import io.kadscope.engine.NodeId;
import io.kadscope.engine.Value;
import io.kadscope.engine.rpc.MessageTooLargeException;
import io.kadscope.engine.rpc.Request;
import io.kadscope.engine.rpc.Response;
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
import org.msgpack.core.MessageFormat;
import org.msgpack.core.MessagePack;
import org.msgpack.core.MessagePackException;
import org.msgpack.core.MessagePacker;
import org.msgpack.value.ValueType;

/**
 * Converts between rpcudp datagrams and the engine's request and response records (shared protocol
 * spec, WIRE.md): byte 0 is {@code 0x00} for a request or {@code 0x01} for a response, bytes 1..20
 * the message id, then one msgpack value.
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

  private static final byte[] PING = utf8("ping");
  private static final byte[] STORE = utf8("store");
  private static final byte[] FIND_NODE = utf8("find_node");
  private static final byte[] FIND_VALUE = utf8("find_value");
  private static final byte[] STUN = utf8("stun");
  private static final byte[] VALUE_KEY = utf8("value");
  private static final String NAMES = "one of ping, store, find_node, find_value, stun";
  private static final int HOST_TEXT_CACHE = 4096;

  /** Contacts per list whose error labels are kept: more than k = 20, as lists may be. */
  private static final int CONTACT_LABELS = 32;

  private final java.util.Map<String, String[][]> contactLabels = new java.util.HashMap<>();
  private final ByteSink sink = new ByteSink();
  private final MessagePacker packer = MessagePack.DEFAULT_PACKER_CONFIG.newPacker(sink);
  private final BodyReader reader = new BodyReader();
  private final byte[] idScratch = new byte[NodeId.BYTES];
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
      name(request);
      if (request instanceof Request.Ping p) {
        packer.packArrayHeader(1);
        nodeId(p.sender());
      } else if (request instanceof Request.Store s) {
        packer.packArrayHeader(3);
        nodeId(s.sender());
        nodeId(s.key());
        value(s.value());
      } else if (request instanceof Request.FindNode f) {
        packer.packArrayHeader(2);
        nodeId(f.sender());
        nodeId(f.target());
      } else if (request instanceof Request.FindValue f) {
        packer.packArrayHeader(2);
        nodeId(f.sender());
        nodeId(f.key());
      } else {
        packer.packArrayHeader(0);
      }
      return finish(request.rpcName() + " request");
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
      if (response instanceof Response.PingReply p) {
        nodeId(p.responder());
      } else if (response instanceof Response.StoreReply s) {
        packer.packBoolean(s.stored());
      } else if (response instanceof Response.Nodes n) {
        List<Contact> contacts = n.contacts();
        packer.packArrayHeader(contacts.size());
        for (Contact c : contacts) {
          packer.packArrayHeader(3);
          nodeId(c.id());
          host(c.address());
          packer.packInt(c.port());
        }
      } else if (response instanceof Response.FoundValue v) {
        packer.packMapHeader(1);
        packer.packRawStringHeader(VALUE_KEY.length);
        packer.writePayload(VALUE_KEY);
        value(v.value());
      } else {
        Response.StunReply s = (Response.StunReply) response;
        packer.packArrayHeader(2);
        packer.packString(withoutZone(s.host()));
        packer.packInt(s.port());
      }
      return finish(response.getClass().getSimpleName() + " response");
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

  private void name(Request request) throws IOException {
    byte[] name =
        request instanceof Request.Ping
            ? PING
            : request instanceof Request.Store
                ? STORE
                : request instanceof Request.FindNode
                    ? FIND_NODE
                    : request instanceof Request.FindValue ? FIND_VALUE : STUN;
    packer.packRawStringHeader(name.length);
    packer.writePayload(name);
  }

  private void nodeId(NodeId id) throws IOException {
    for (int i = 0; i < NodeId.BYTES; i++) {
      idScratch[i] = (byte) id.byteAt(i);
    }
    packer.packBinaryHeader(NodeId.BYTES);
    packer.writePayload(idScratch);
  }

  private void value(Value v) throws IOException {
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
    reader.expectEnd(request.rpcName() + " request");
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
          answered.rpcName()
              + " reply: expected a body of at most "
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
    String what = replyLabel(answered);
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
    if (is(PING, n)) {
      reader.fixedArray("ping args", 1, "[sender_id]");
      return new Request.Ping(reader.nodeId("ping arg 0 (sender_id)"));
    } else if (is(STORE, n)) {
      reader.fixedArray("store args", 3, "[sender_id, key, value]");
      return new Request.Store(
          reader.nodeId("store arg 0 (sender_id)"),
          reader.nodeId("store arg 1 (key)"),
          reader.value("store arg 2 (value)"));
    } else if (is(FIND_NODE, n)) {
      reader.fixedArray("find_node args", 2, "[sender_id, target_id]");
      return new Request.FindNode(
          reader.nodeId("find_node arg 0 (sender_id)"),
          reader.nodeId("find_node arg 1 (target_id)"));
    } else if (is(FIND_VALUE, n)) {
      reader.fixedArray("find_value args", 2, "[sender_id, key]");
      return new Request.FindValue(
          reader.nodeId("find_value arg 0 (sender_id)"), reader.nodeId("find_value arg 1 (key)"));
    } else if (is(STUN, n)) {
      reader.fixedArray("stun args", 0, "[]");
      return new Request.Stun();
    }
    throw BodyReader.mismatch(
        "request name", NAMES, "str " + BodyReader.quote(nameScratch, 0, n), at);
  }

  /** "find_node reply" and the like, as constants: a label is only read when decoding fails. */
  private static String replyLabel(Request answered) {
    if (answered instanceof Request.Ping) {
      return "ping reply";
    } else if (answered instanceof Request.Store) {
      return "store reply";
    } else if (answered instanceof Request.FindNode) {
      return "find_node reply";
    } else if (answered instanceof Request.FindValue) {
      return "find_value reply";
    }
    return "stun reply";
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
    if (answered instanceof Request.Ping) {
      return new Response.PingReply(reader.nodeId(what));
    } else if (answered instanceof Request.Store) {
      return new Response.StoreReply(reader.bool(what));
    } else if (answered instanceof Request.FindNode) {
      return readNodes(what);
    } else if (answered instanceof Request.FindValue) {
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
    reader.fixedArray(what, 2, "[ip, port]");
    String host = reader.ip(what + " ip").getHostAddress();
    int port = (int) reader.integer(what + " port", 1, 65535);
    return new Response.StunReply(host, port);
  }

  private Response.Nodes readNodes(String what) throws IOException {
    int n = reader.arrayHeader(what, "array of contacts [id, ip, port]");
    List<Contact> contacts = new ArrayList<>(n);
    String[][] labels = contactLabels(what);
    for (int i = 0; i < n; i++) {
      String[] l = i < labels.length ? labels[i] : labels(what, i);
      reader.fixedArray(l[0], 3, "[id, ip, port]");
      NodeId id = reader.nodeId(l[1]);
      java.net.InetAddress ip = reader.ip(l[2]);
      int port = (int) reader.integer(l[3], 1, 65535);
      contacts.add(new Contact(id, new InetSocketAddress(ip, port)));
    }
    return new Response.Nodes(contacts);
  }

  /**
   * The error labels of the contacts of a list ("find_node response contact 3 ip", …), made once
   * per kind of list rather than four string concatenations per contact decoded.
   */
  private String[][] contactLabels(String what) {
    return contactLabels.computeIfAbsent(
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
   * Packs a contact's IP as text. The text of each address is kept (up to {@link #HOST_TEXT_CACHE}
   * of them): a find_node answer lists the same routing-table contacts again and again, and
   * formatting 20 addresses afresh cost ~1.8 kB of garbage per answer.
   */
  private void host(InetSocketAddress address) throws IOException {
    InetAddress ip = address.getAddress();
    byte[] text = ip == null ? null : hostText.get(ip);
    if (text == null) {
      text = utf8(withoutZone(ip == null ? address.getHostString() : ip.getHostAddress()));
      if (ip != null) {
        if (hostText.size() >= HOST_TEXT_CACHE) {
          hostText.clear();
        }
        hostText.put(ip, text);
      }
    }
    packer.packRawStringHeader(text.length);
    packer.writePayload(text);
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
