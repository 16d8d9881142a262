/**
 * The wire of BitTorrent's Mainline DHT: bencode (BEP 3) and KRPC (BEP 5, with the messages of BEP
 * 32, 42, 43 and 44), bytes to typed message records and back. Knows nothing of sockets; {@link
 * io.kadscope.krpc.KrpcCodec} is the entry point and {@link io.kadscope.krpc.Bencode} the layer
 * below it. Uses the JDK only.
 */
package io.kadscope.krpc;
