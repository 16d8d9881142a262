/**
 * The node's state file: its id, contacts and stored values as JSON (Gson), written atomically and
 * never overwritten when it cannot be read.
 */
package io.kadscope.persist;
