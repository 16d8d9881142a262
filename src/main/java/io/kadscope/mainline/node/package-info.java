/**
 * A node of BitTorrent's Mainline DHT made of the engine's parts: {@link
 * io.kadscope.mainline.node.MainlineNode} runs a {@link io.kadscope.engine.KademliaNode} (k = 8) on
 * a {@link io.kadscope.mainline.node.MainlinePort}, answers get_peers, announce_peer, get and put
 * through {@link io.kadscope.mainline.node.MainlineServer} (the engine's extension), keeps peers
 * and items in bounded stores, and takes a BEP 42 id from the address its peers report. The ports
 * come from a {@link io.kadscope.mainline.node.MainlineNetwork} (UDP in {@code
 * io.kadscope.transport}); this package touches no socket.
 */
package io.kadscope.mainline.node;
