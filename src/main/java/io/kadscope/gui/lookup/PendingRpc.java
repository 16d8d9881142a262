package io.kadscope.gui.lookup;

import java.time.Instant;

/**
 * A request of a lookup that has gone out and not yet ended: drawn on the id line while it waits.
 *
 * @param to to whom it went
 * @param round the round it was sent in (see {@link TraceStep#round()})
 * @param sentAt when it went, by the node's clock
 */
public record PendingRpc(TraceContact to, int round, Instant sentAt) {}
