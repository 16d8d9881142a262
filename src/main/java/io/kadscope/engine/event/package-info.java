/** What the engine publishes: immutable event records and the listener that receives them. */
package io.kadscope.engine.event;
