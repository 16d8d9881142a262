/**
 * The network map: every peer of the network on the ring of ids, found by a crawl on a live
 * network, with the network's size estimated from the density of ids and the holders of a key lit.
 */
package io.kadscope.gui.map;
