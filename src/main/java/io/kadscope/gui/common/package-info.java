/** What the views share: the node's snapshots and picked bucket, colours, and id formatting. */
package io.kadscope.gui.common;
