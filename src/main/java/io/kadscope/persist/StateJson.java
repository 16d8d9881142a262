package io.kadscope.persist;

import static io.kadscope.persist.JsonFields.required;

import com.google.gson.JsonElement;
import io.kadscope.engine.Contact;
import io.kadscope.engine.NodeId;
import io.kadscope.engine.NodeState;
import io.kadscope.engine.Value;
import io.kadscope.engine.store.StoredValue;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Instant;
import java.util.List;

/**
 * The layout of a state file as records that Gson binds, field for field in the order written;
 * fields are boxed so that a missing one is told from a zero.
 */
final class StateJson {
  private StateJson() {}

  /** The two fields read first, to tell a state file of this version from anything else. */
  record Header(String format, Long version) {}

  /** The whole file. */
  record Document(
      String format,
      Long version,
      NodeId id,
      List<Contact> contacts,
      List<StoredValue> values,
      List<StoredValue> published) {

    static Document of(NodeState state) {
      return new Document(
          StateCodec.FORMAT,
          (long) StateCodec.VERSION,
          state.id(),
          // The file holds IP literals only: a contact known by name alone could not be read back.
          state.contacts().stream().filter(c -> !c.address().isUnresolved()).toList(),
          state.values(),
          state.published());
    }

    NodeState toState() {
      return new NodeState(
          required(id, "", "id"),
          required(contacts, "", "contacts"),
          required(values, "", "values"),
          // "published" came later in the same version: a file without it published nothing else.
          published == null ? List.of() : published);
    }
  }

  /** A contact: {@code {"id": "…", "host": "10.0.0.2", "port": 7123}}. */
  record ContactForm(NodeId id, InetAddress host, Long port) {
    static ContactForm of(Contact c) {
      return new ContactForm(c.id(), c.address().getAddress(), (long) c.port());
    }

    Contact toContact(String where) {
      long p = required(port, where, "port");
      if (p < 1 || p > 65535) {
        throw new JsonFields.BadField(where + ".port", "expected 1..65535, found " + p, null);
      }
      return new Contact(
          required(id, where, "id"), new InetSocketAddress(required(host, where, "host"), (int) p));
    }
  }

  /**
   * A stored value: {@code {"key": "…", "type": "str", "value": "hello", "storedAt": "2025-…Z",
   * "original": true, "republishedAt": "2025-…Z"}}; {@code value} is in the form of its {@code
   * type}.
   */
  record ValueForm(
      NodeId key,
      ValueKind type,
      JsonElement value,
      Instant storedAt,
      Boolean original,
      Instant republishedAt) {

    static ValueForm of(StoredValue v) {
      ValueKind kind = ValueKind.of(v.value());
      return new ValueForm(
          v.key(), kind, kind.encode(v.value()), v.storedAt(), v.original(), v.republishedAt());
    }

    StoredValue toStoredValue(String where) {
      NodeId k = required(key, where, "key");
      ValueKind kind = required(type, where, "type");
      return new StoredValue(
          k,
          decode(kind, required(value, where, "value"), where + ".value"),
          required(storedAt, where, "storedAt"),
          required(original, where, "original"),
          required(republishedAt, where, "republishedAt"));
    }

    private static Value decode(ValueKind kind, JsonElement e, String where) {
      Value v = null;
      RuntimeException why = null;
      if (e.isJsonPrimitive()) {
        try {
          v = kind.decode(e.getAsJsonPrimitive());
        } catch (IllegalArgumentException | ArithmeticException ex) {
          why = ex;
        }
      }
      if (v == null) {
        throw new JsonFields.BadField(where, "expected " + kind.expected + ", found " + e, why);
      }
      return v;
    }
  }
}
