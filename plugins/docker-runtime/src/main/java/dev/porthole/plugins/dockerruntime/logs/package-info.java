/**
 * Docker's log bodies cut into lines ({@link dev.porthole.plugins.dockerruntime.logs.LogLines}): multiplexed frames
 * or a TTY's raw output, in bounded memory. Pure code, no daemon, no thread of its own.
 */
package dev.porthole.plugins.dockerruntime.logs;
