/**
 * HTTP/1.1 to the Docker Engine API over a duplex byte stream: the stdin and stdout of {@code docker system
 * dial-stdio} run on the target host (over an SSH exec channel in production, as a local process in tests).
 *
 * <p>{@link dev.porthole.plugins.dockerssh.transport.DialStdioDockerHttpClient} is docker-java's transport seam
 * implemented with Apache HttpClient 5: every pooled HTTP connection is one stream from a {@link
 * dev.porthole.plugins.dockerssh.transport.DuplexStreamOpener}, so the SSH side only has to open streams.
 */
package dev.porthole.plugins.dockerssh.transport;
