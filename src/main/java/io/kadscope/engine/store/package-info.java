/** Local storage of values with their timestamps, for republishing and expiry. */
package io.kadscope.engine.store;
