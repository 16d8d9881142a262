package io.kadscope.persist;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonElement;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import com.google.gson.TypeAdapter;
import com.google.gson.stream.JsonWriter;
import io.kadscope.engine.Contact;
import io.kadscope.engine.NodeId;
import io.kadscope.engine.NodeState;
import io.kadscope.engine.store.StoredValue;
import io.kadscope.persist.StateJson.ContactForm;
import io.kadscope.persist.StateJson.Document;
import io.kadscope.persist.StateJson.Header;
import io.kadscope.persist.StateJson.ValueForm;
import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.CharacterCodingException;
import java.time.Instant;
import java.util.Set;
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

  /** An IP literal only: a state file never makes the node wait on a DNS lookup. */
  private static final Pattern IP_LITERAL =
      Pattern.compile("[0-9.]+|[0-9a-fA-F:.%]*:[0-9a-fA-F:.%]*");

  private static final Gson GSON =
      new GsonBuilder()
          .setPrettyPrinting()
          .disableHtmlEscaping()
          .registerTypeAdapter(String.class, JsonFields.STRING)
          .registerTypeAdapter(Long.class, JsonFields.INTEGER)
          .registerTypeAdapter(Boolean.class, JsonFields.BOOLEAN)
          .registerTypeAdapter(NodeId.class, nodeIds())
          .registerTypeAdapter(Instant.class, instants())
          // For the hierarchy: the addresses written are Inet4Address or Inet6Address.
          .registerTypeHierarchyAdapter(InetAddress.class, ipAddresses())
          .registerTypeAdapter(ValueKind.class, valueKinds())
          .registerTypeAdapterFactory(
              JsonFields.through(
                  Contact.class, ContactForm.class, ContactForm::of, ContactForm::toContact))
          .registerTypeAdapterFactory(
              JsonFields.through(
                  StoredValue.class, ValueForm.class, ValueForm::of, ValueForm::toStoredValue))
          .registerTypeAdapterFactory(
              JsonFields.shapes(
                  Set.of(Header.class, Document.class, ContactForm.class, ValueForm.class)))
          .create();

  /** Writes {@code state} as JSON. */
  public void write(NodeState state, Writer out) throws IOException {
    JsonWriter writer = GSON.newJsonWriter(out);
    GSON.toJson(Document.of(state), Document.class, writer);
    writer.flush();
    out.write('\n');
    out.flush();
  }

  /** Reads a state written by {@link #write}. */
  public NodeState read(Reader in) throws StateFormatException {
    JsonElement tree;
    try {
      tree = JsonParser.parseReader(in);
    } catch (JsonParseException e) {
      if (e.getCause() instanceof CharacterCodingException) {
        throw new StateFormatException("not UTF-8 text", e);
      }
      throw new StateFormatException("not valid JSON" + position(e), e);
    }
    try {
      Header header = GSON.fromJson(tree, Header.class);
      if (!FORMAT.equals(header.format())) {
        throw new StateFormatException(
            "format: expected \"" + FORMAT + "\", found " + quoted(header.format()));
      }
      if (header.version() == null || header.version() != VERSION) {
        throw new StateFormatException(
            "version: expected "
                + VERSION
                + ", found "
                + (header.version() == null ? "nothing" : header.version())
                + " (written by another release)");
      }
      return GSON.fromJson(tree, Document.class).toState();
    } catch (JsonFields.BadField e) {
      throw new StateFormatException(e.getMessage(), e.getCause());
    }
  }

  private static String quoted(String s) {
    return s == null ? "nothing" : "\"" + s + "\"";
  }

  /** " at line L column C" from Gson's message, which otherwise runs over several lines. */
  private static String position(JsonParseException e) {
    String text = e.getMessage() == null ? "" : e.getMessage();
    Matcher m = POSITION.matcher(text);
    return m.find() ? " at " + m.group() : "";
  }

  private static TypeAdapter<NodeId> nodeIds() {
    return JsonFields.primitive(
        "40 hex digits",
        p -> p.isString() ? NodeId.fromHex(p.getAsString()) : null,
        (out, id) -> out.value(id.toHex()));
  }

  private static TypeAdapter<Instant> instants() {
    return JsonFields.primitive(
        "an ISO-8601 instant",
        p -> p.isString() ? Instant.parse(p.getAsString()) : null,
        (out, t) -> out.value(t.toString()));
  }

  private static TypeAdapter<InetAddress> ipAddresses() {
    return JsonFields.primitive(
        "an IP address",
        p ->
            p.isString() && IP_LITERAL.matcher(p.getAsString()).matches()
                ? ip(p.getAsString())
                : null,
        (out, a) -> out.value(a.getHostAddress()));
  }

  private static InetAddress ip(String literal) {
    try {
      return InetAddress.getByName(literal);
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException(e);
    }
  }

  private static TypeAdapter<ValueKind> valueKinds() {
    return JsonFields.primitive(
        "str, bytes, int, float or bool",
        p -> p.isString() ? ValueKind.named(p.getAsString()) : null,
        (out, k) -> out.value(k.typeName));
  }
}
