/** Iterative, α-parallel lookups of nodes and values. */
package io.kadscope.engine.lookup;
