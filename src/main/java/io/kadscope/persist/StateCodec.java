package io.kadscope.persist;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import com.google.gson.JsonPrimitive;
import com.google.gson.stream.JsonWriter;
import io.kadscope.engine.Contact;
import io.kadscope.engine.NodeId;
import io.kadscope.engine.NodeState;
import io.kadscope.engine.Value;
import io.kadscope.engine.store.StoredValue;
import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.math.BigDecimal;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Converts a {@link NodeState} to JSON and back, exactly: ids and keys as 40 hex digits, bytes in
 * base64, ints as JSON integers read back without rounding, floats as JSON numbers (or the strings
 * {@code "NaN"}, {@code "Infinity"}, {@code "-Infinity"}), timestamps in ISO-8601.
 *
 * <pre>{@code
 * {"format": "kadscope-state", "version": 1, "id": "3fa2…",
 *  "contacts": [{"id": "…", "host": "10.0.0.2", "port": 7123}],
 *  "values": [{"key": "…", "type": "str", "value": "hello", "storedAt": "2025-…Z",
 *              "original": true, "republishedAt": "2025-…Z"}],
 *  "published": [ …values this node published but does not hold, in the same form… ]}
 * }</pre>
 */
public class StateCodec {
  /** The value of the {@code format} field: tells a state file from any other JSON. */
  public static final String FORMAT = "kadscope-state";

  /** The layout version written; a reader refuses any other. */
  public static final int VERSION = 1;

  private static final Pattern POSITION = Pattern.compile("line \\d+ column \\d+");

  private final Gson gson = new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().create();

  /** Writes {@code state} as JSON. */
  public void write(NodeState state, Writer out) throws IOException {
    JsonObject root = new JsonObject();
    root.addProperty("format", FORMAT);
    root.addProperty("version", VERSION);
    root.addProperty("id", state.id().toHex());
    JsonArray contacts = new JsonArray();
    for (Contact c : state.contacts()) {
      JsonObject o = new JsonObject();
      o.addProperty("id", c.id().toHex());
      o.addProperty("host", c.host());
      o.addProperty("port", c.port());
      contacts.add(o);
    }
    root.add("contacts", contacts);
    root.add("values", values(state.values()));
    root.add("published", values(state.published()));
    JsonWriter writer = gson.newJsonWriter(out);
    gson.toJson(root, writer);
    writer.flush();
    out.write('\n');
    out.flush();
  }

  /** Reads a state written by {@link #write}. */
  public NodeState read(Reader in) throws StateFormatException {
    JsonElement parsed;
    try {
      parsed = JsonParser.parseReader(in);
    } catch (JsonParseException e) {
      throw new StateFormatException("not valid JSON" + position(e), e);
    }
    JsonObject root = object(parsed, "the document");
    String format = string(root, "format", "");
    if (!FORMAT.equals(format)) {
      throw new StateFormatException(
          "format: expected \"" + FORMAT + "\", found \"" + format + "\"");
    }
    long version = integer(root, "version", "");
    if (version != VERSION) {
      throw new StateFormatException(
          "version: expected " + VERSION + ", found " + version + " (written by another release)");
    }
    NodeId id = nodeId(root, "id", "");
    List<Contact> contacts = new ArrayList<>();
    JsonArray cs = array(root, "contacts");
    for (int i = 0; i < cs.size(); i++) {
      String where = "contacts[" + i + "].";
      JsonObject o = object(cs.get(i), "contacts[" + i + "]");
      NodeId cid = nodeId(o, "id", where);
      String host = string(o, "host", where);
      long port = integer(o, "port", where);
      if (port < 1 || port > 65535) {
        throw new StateFormatException(where + "port: expected 1..65535, found " + port);
      }
      contacts.add(new Contact(cid, new InetSocketAddress(ipAddress(host, where), (int) port)));
    }
    List<StoredValue> values = values(array(root, "values"), "values");
    // "published" came later in the same version: a file without it published nothing elsewhere.
    List<StoredValue> published =
        root.has("published") ? values(array(root, "published"), "published") : List.of();
    return new NodeState(id, contacts, values, published);
  }

  private static JsonArray values(List<StoredValue> list) {
    JsonArray values = new JsonArray();
    for (StoredValue v : list) {
      JsonObject o = new JsonObject();
      o.addProperty("key", v.key().toHex());
      o.addProperty("type", v.value().typeName());
      o.add("value", encode(v.value()));
      o.addProperty("storedAt", v.storedAt().toString());
      o.addProperty("original", v.original());
      o.addProperty("republishedAt", v.republishedAt().toString());
      values.add(o);
    }
    return values;
  }

  private static List<StoredValue> values(JsonArray vs, String name) throws StateFormatException {
    List<StoredValue> values = new ArrayList<>();
    for (int i = 0; i < vs.size(); i++) {
      String where = name + "[" + i + "].";
      JsonObject o = object(vs.get(i), name + "[" + i + "]");
      NodeId key = nodeId(o, "key", where);
      String type = string(o, "type", where);
      Value value = decode(type, o.get("value"), where);
      Instant storedAt = instant(o, "storedAt", where);
      boolean original = bool(o, "original", where);
      Instant republishedAt = instant(o, "republishedAt", where);
      values.add(new StoredValue(key, value, storedAt, original, republishedAt));
    }
    return values;
  }

  private static JsonElement encode(Value value) {
    if (value instanceof Value.Str s) {
      return new JsonPrimitive(s.value());
    } else if (value instanceof Value.Bin b) {
      return new JsonPrimitive(Base64.getEncoder().encodeToString(b.value()));
    } else if (value instanceof Value.Int i) {
      return new JsonPrimitive(i.value());
    } else if (value instanceof Value.Float f) {
      double d = f.value();
      return Double.isFinite(d) ? new JsonPrimitive(d) : new JsonPrimitive(Double.toString(d));
    }
    return new JsonPrimitive(((Value.Bool) value).value());
  }

  /** " at line L column C" from Gson's message, which otherwise runs over several lines. */
  private static String position(JsonParseException e) {
    String text = e.getMessage() == null ? "" : e.getMessage();
    Matcher m = POSITION.matcher(text);
    return m.find() ? " at " + m.group() : "";
  }

  private static Value decode(String type, JsonElement e, String where)
      throws StateFormatException {
    String field = where + "value";
    if (e == null || !e.isJsonPrimitive()) {
      throw new StateFormatException(field + ": expected a " + type + " value, found " + e);
    }
    JsonPrimitive p = e.getAsJsonPrimitive();
    switch (type) {
      case "str":
        if (!p.isString()) {
          throw new StateFormatException(field + ": expected a JSON string, found " + p);
        }
        return Value.of(p.getAsString());
      case "bytes":
        if (!p.isString()) {
          throw new StateFormatException(field + ": expected base64 text, found " + p);
        }
        try {
          return new Value.Bin(Base64.getDecoder().decode(p.getAsString()));
        } catch (IllegalArgumentException ex) {
          throw new StateFormatException(field + ": expected base64 text, found " + p, ex);
        }
      case "int":
        if (!p.isNumber()) {
          throw new StateFormatException(field + ": expected an integer, found " + p);
        }
        try {
          return new Value.Int(new BigDecimal(p.getAsString()).longValueExact());
        } catch (ArithmeticException | NumberFormatException ex) {
          throw new StateFormatException(
              field + ": expected a 64-bit integer, found " + p.getAsString(), ex);
        }
      case "float":
        if (p.isNumber()) {
          return new Value.Float(p.getAsDouble());
        }
        String s = p.getAsString();
        if (s.equals("NaN") || s.equals("Infinity") || s.equals("-Infinity")) {
          return new Value.Float(Double.parseDouble(s));
        }
        throw new StateFormatException(
            field + ": expected a number, NaN, Infinity or -Infinity, found " + p);
      case "bool":
        if (!p.isBoolean()) {
          throw new StateFormatException(field + ": expected true or false, found " + p);
        }
        return new Value.Bool(p.getAsBoolean());
      default:
        throw new StateFormatException(
            where + "type: expected str, bytes, int, float or bool, found \"" + type + "\"");
    }
  }

  private static JsonObject object(JsonElement e, String what) throws StateFormatException {
    if (e == null || !e.isJsonObject()) {
      throw new StateFormatException(what + ": expected a JSON object, found " + e);
    }
    return e.getAsJsonObject();
  }

  private static JsonArray array(JsonObject o, String name) throws StateFormatException {
    JsonElement e = o.get(name);
    if (e == null || !e.isJsonArray()) {
      throw new StateFormatException(name + ": expected a JSON array, found " + e);
    }
    return e.getAsJsonArray();
  }

  private static JsonPrimitive primitive(JsonObject o, String name, String where)
      throws StateFormatException {
    JsonElement e = o.get(name);
    if (e == null || !e.isJsonPrimitive()) {
      throw new StateFormatException(where + name + ": missing or not a plain value, found " + e);
    }
    return e.getAsJsonPrimitive();
  }

  private static String string(JsonObject o, String name, String where)
      throws StateFormatException {
    JsonPrimitive p = primitive(o, name, where);
    if (!p.isString()) {
      throw new StateFormatException(where + name + ": expected a JSON string, found " + p);
    }
    return p.getAsString();
  }

  private static long integer(JsonObject o, String name, String where) throws StateFormatException {
    JsonPrimitive p = primitive(o, name, where);
    try {
      if (!p.isNumber()) {
        throw new NumberFormatException();
      }
      return new BigDecimal(p.getAsString()).longValueExact();
    } catch (ArithmeticException | NumberFormatException e) {
      throw new StateFormatException(where + name + ": expected an integer, found " + p, e);
    }
  }

  private static boolean bool(JsonObject o, String name, String where) throws StateFormatException {
    JsonPrimitive p = primitive(o, name, where);
    if (!p.isBoolean()) {
      throw new StateFormatException(where + name + ": expected true or false, found " + p);
    }
    return p.getAsBoolean();
  }

  private static NodeId nodeId(JsonObject o, String name, String where)
      throws StateFormatException {
    String hex = string(o, name, where);
    try {
      return NodeId.fromHex(hex);
    } catch (IllegalArgumentException e) {
      throw new StateFormatException(
          where + name + ": expected 40 hex digits, found \"" + hex + "\"", e);
    }
  }

  private static Instant instant(JsonObject o, String name, String where)
      throws StateFormatException {
    String text = string(o, name, where);
    try {
      return Instant.parse(text);
    } catch (DateTimeParseException e) {
      throw new StateFormatException(
          where + name + ": expected an ISO-8601 instant, found \"" + text + "\"", e);
    }
  }

  /** An IP literal only: a state file never makes the node wait on a DNS lookup. */
  private static InetAddress ipAddress(String host, String where) throws StateFormatException {
    if (!host.matches("[0-9.]+|[0-9a-fA-F:.%]*:[0-9a-fA-F:.%]*")) {
      throw new StateFormatException(
          where + "host: expected an IP address, found \"" + host + "\"");
    }
    try {
      return InetAddress.getByName(host);
    } catch (UnknownHostException e) {
      throw new StateFormatException(
          where + "host: expected an IP address, found \"" + host + "\"", e);
    }
  }
}
