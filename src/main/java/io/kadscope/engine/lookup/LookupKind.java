package io.kadscope.engine.lookup;

/** What a lookup looks for. */
public enum LookupKind {
  /** The k closest nodes to a target ({@code find_node}). */
  NODE,
  /** A value by key ({@code find_value}), stopping at the first holder. */
  VALUE
}
