package io.kadscope.engine.lookup;

/** When a value lookup ends. A node lookup always ends when the k closest have answered. */
public enum StopPolicy {
  /** At the first value, as rpcudp's {@code find_value} does (paper 2.3). */
  AT_FIRST_VALUE,
  /**
   * When the k closest contacts seen have all answered, keeping every value seen on the way: for
   * choosing the freshest of conflicting values, or gathering peers from every holder.
   */
  AFTER_K_CLOSEST
}
