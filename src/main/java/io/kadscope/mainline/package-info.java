/**
 * The semantics of BitTorrent's Mainline DHT that need no routing table: BEP 42 node ids ({@link
 * io.kadscope.mainline.SecureNodeId}), BEP 44 items with their Ed25519 signatures and storage rules
 * ({@link io.kadscope.mainline.ImmutableItem}, {@link io.kadscope.mainline.MutableItem}, {@link
 * io.kadscope.mainline.ItemRules}), and write tokens ({@link io.kadscope.mainline.TokenIssuer}).
 * Pure functions and small pieces on an injected clock; messages come from {@code
 * io.kadscope.krpc}. Uses the JDK only.
 */
package io.kadscope.mainline;
