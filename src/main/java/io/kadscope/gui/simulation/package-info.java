/**
 * The Simulation panel: the speed of a simulated network's virtual time, pause and one event at a
 * time, and which of its peers is "you".
 */
package io.kadscope.gui.simulation;
