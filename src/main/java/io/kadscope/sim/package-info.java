/** An in-memory network of many engines on virtual time, with a latency and loss model. */
package io.kadscope.sim;
