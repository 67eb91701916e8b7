/**
 * HTTP/1.1 to the Docker Engine API over a duplex byte stream: the stdin and stdout of {@code docker system
 * dial-stdio} run on the target host over an SSH exec channel ({@link dev.porthole.docker.transport.SshDialStdio}), or
 * a connection to the local daemon's socket ({@link dev.porthole.docker.transport.UnixSocketStreams}).
 *
 * <p>{@link dev.porthole.docker.transport.DialStdioDockerHttpClient} is docker-java's transport seam implemented with
 * Apache HttpClient 5: every pooled HTTP connection is one stream from a {@link
 * dev.porthole.docker.transport.DuplexStreamOpener}, so a way to reach a daemon only has to open streams.
 */
package dev.porthole.docker.transport;
