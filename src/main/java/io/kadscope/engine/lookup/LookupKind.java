package io.kadscope.engine.lookup;

/** What a lookup looks for. */
public enum LookupKind {
  /** The k closest nodes to a target (rpcudp's {@code find_node}). */
  NODE,
  /** A value by key (rpcudp's {@code find_value}), ending as its {@link StopPolicy} says. */
  VALUE
}
