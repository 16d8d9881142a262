package io.kadscope.engine.lookup;

/** How a lookup paces its requests. */
public enum LookupMode {
  /**
   * α requests in flight at all times: a new one goes out as soon as one answers or fails (the
   * paper's "need not wait for all α" refinement). The engine's default.
   */
  PIPELINED,
  /**
   * α-synchronous rounds, as the Python package crawls: ask the α closest not yet asked, wait for
   * every answer, repeat; when a round brings nothing closer, ask all of the k closest not yet
   * asked. For figures that compare with the Python package's "rounds".
   */
  ROUNDS
}
