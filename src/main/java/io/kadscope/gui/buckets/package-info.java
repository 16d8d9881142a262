/** The k-bucket list: fill, contacts in least-recently-seen order, replacement caches. */
package io.kadscope.gui.buckets;
