/**
 * The launcher: the runnable jar's entry point ({@link Launcher}), which parses the command line,
 * picks a face (the visualiser, a headless peer, {@code ping} or {@code bench}) and wires the UDP
 * transport and the state file into the engines it runs. It touches no JavaFX type itself: the
 * window is opened through {@code Visualiser}, which the JVM loads only when a window is asked for,
 * so that {@code --headless} runs where there is no display.
 */
package io.kadscope;
