package io.kadscope.engine.store;

import io.kadscope.engine.NodeId;
import io.kadscope.engine.Value;
import java.time.Instant;

/**
 * One value held by a node, with its timestamps.
 *
 * @param key the 160-bit key
 * @param value the value
 * @param storedAt when it was last stored or republished here (expiry counts from this)
 * @param original whether this node is the value's original publisher (it called {@code set})
 * @param republishedAt when this node last republished it
 */
public record StoredValue(
    NodeId key, Value value, Instant storedAt, boolean original, Instant republishedAt) {}
