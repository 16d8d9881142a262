/**
 * What the views share: the node's throttled snapshots, the picked bucket, the notice that the user
 * started a lookup, colours, and id formatting.
 */
package io.kadscope.gui.common;
