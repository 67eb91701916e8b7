/**
 * The plugin under test of the harness's test of required plugins: it depends on the probe ({@code
 * plugin.dependencies=probe}) and is compiled against the probe's classes without shipping them.
 */
package dev.porthole.testfan;
