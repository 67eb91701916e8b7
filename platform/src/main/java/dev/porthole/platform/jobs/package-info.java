/**
 * Plugin jobs: one host timer thread decides when a job is due, and the run itself happens on the plugin's own
 * executor, never overlapping the previous run of the same job.
 */
package dev.porthole.platform.jobs;
