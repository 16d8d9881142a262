/**
 * The Experiments view: sweeps of simulated networks from 100 to 100,000 peers, charted against
 * log2 n, and the small interface through which the launcher hands the visualiser a sweep runner.
 */
package io.kadscope.gui.experiments;
