/**
 * The headless peer: the console that reads {@code set}/{@code get}/{@code del}/{@code q} from
 * standard input, the peer's life cycle (join, state saves, clean shutdown), the {@code ping}
 * health check, and the logging of engine events.
 */
package io.kadscope.headless;
