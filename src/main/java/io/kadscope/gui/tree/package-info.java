/** The routing table as the binary tree of id prefixes (Fig. 1 of the paper). */
package io.kadscope.gui.tree;
