/**
 * The defences a node keeps against the peers it talks to, in one place that every port and every
 * protocol's server can use: per-address token buckets for requests and stores ({@link
 * io.kadscope.engine.guard.AddressRateLimiter}), the grouping of addresses by who controls them
 * ({@link io.kadscope.engine.guard.AddressGroup}), the limits a node runs with ({@link
 * io.kadscope.engine.guard.Limits}), and the counts and rate-limited log of what was refused
 * ({@link io.kadscope.engine.guard.Refusals}). docs/security.md says which threat each answers.
 */
package io.kadscope.engine.guard;
