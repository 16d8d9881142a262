package io.kadscope.engine.lookup;

import io.kadscope.engine.Contact;
import io.kadscope.engine.Value;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One contact's answer to a lookup's query, in no protocol's terms: the contacts it lists, the
 * value it holds if it has one, and the write token it hands out if its protocol has them. The
 * node's lookup wiring makes these from its protocol's responses.
 *
 * @param contacts the contacts the answer lists, closest first as the answerer sent them
 * @param value the value found there, for a value lookup
 * @param token what a later write to this contact must carry
 */
public record LookupReply(
    List<Contact> contacts, Optional<Value> value, Optional<WriteToken> token) {
  public LookupReply {
    contacts = List.copyOf(contacts);
    Objects.requireNonNull(value, "value");
    Objects.requireNonNull(token, "token");
  }

  /** An answer that lists contacts only. */
  public static LookupReply ofContacts(List<Contact> contacts) {
    return new LookupReply(contacts, Optional.empty(), Optional.empty());
  }

  /** An answer that holds the value and lists no contacts. */
  public static LookupReply ofValue(Value value) {
    return new LookupReply(List.of(), Optional.of(value), Optional.empty());
  }
}
