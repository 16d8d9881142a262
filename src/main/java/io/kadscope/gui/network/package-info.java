/** The Network form: join a network by address; start, grow and damage the local peers. */
package io.kadscope.gui.network;
