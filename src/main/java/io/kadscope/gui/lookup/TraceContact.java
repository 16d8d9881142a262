package io.kadscope.gui.lookup;

import io.kadscope.engine.Contact;
import io.kadscope.engine.NodeId;

/** A contact in a saved trace: id in hex and address, plain data for JSON. */
public record TraceContact(String id, String host, int port) {
  /** The contact's fields as a trace records them. */
  public static TraceContact of(Contact c) {
    return new TraceContact(c.id().toHex(), c.host(), c.port());
  }

  /** The id. */
  public NodeId nodeId() {
    return NodeId.fromHex(id);
  }

  /** {@code 127.0.0.1:7123}. */
  public String address() {
    return host + ":" + port;
  }
}
