/**
 * The window: its frame (status bar, notification bar, tabs), the composition of every view and
 * view-model, and the JavaFX application.
 */
package io.kadscope.gui.main;
