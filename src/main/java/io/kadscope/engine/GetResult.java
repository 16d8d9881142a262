package io.kadscope.engine;

import io.kadscope.engine.lookup.LookupResult;
import java.util.Optional;

/**
 * How a {@code get} ended.
 *
 * @param key the 160-bit key
 * @param value the value, or empty when the network has no such key
 * @param local whether it came from this node's own storage (no lookup needed)
 * @param lookup the value lookup, when one ran
 */
public record GetResult(
    NodeId key, Optional<Value> value, boolean local, Optional<LookupResult> lookup) {}
