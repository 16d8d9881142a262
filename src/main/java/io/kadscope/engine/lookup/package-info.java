/**
 * Iterative, α-parallel lookups of nodes and values, independent of any one protocol: a lookup
 * queries through a {@link io.kadscope.engine.lookup.Lookup.Querier} that returns {@link
 * io.kadscope.engine.lookup.LookupReply}s (contacts, a value, a write token), stops as its {@link
 * io.kadscope.engine.lookup.StopPolicy} says, and publishes its own events.
 */
package io.kadscope.engine.lookup;
