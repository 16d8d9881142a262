package io.kadscope.engine.lookup;

/** When a value lookup ends. A node lookup always ends when the k closest have answered. */
public enum StopPolicy {
  /** At the first value, as rpcudp's {@code find_value} does (paper 2.3). */
  AT_FIRST_VALUE,
  /**
   * At the first value, once the requests already in flight then have ended (no new one is sent,
   * and one late past its retransmission timeout is not awaited): the values those answers bring
   * are kept too, so that where holders disagree the value most of them hold can win, as the Python
   * package chooses among the answers of one round. Costs no request more than {@link
   * #AT_FIRST_VALUE}, and rarely a round trip more.
   */
  AT_FIRST_VALUE_SETTLED,
  /**
   * When the k closest contacts seen have all answered, keeping every value seen on the way: for
   * choosing the freshest of conflicting values, or gathering peers from every holder.
   */
  AFTER_K_CLOSEST
}
