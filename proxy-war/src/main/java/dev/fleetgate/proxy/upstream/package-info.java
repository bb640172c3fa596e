/**
 * The proxy's own side of a worker (fast path and upgrades): its connections and its answers.
 *
 * <ul>
 *   <li>U1 A worker's answer is read strictly ({@link
 *       dev.fleetgate.proxy.upstream.ResponseParser}): {@code HTTP/1.0} or {@code HTTP/1.1} status
 *       line, token header names without folding, a body framed by one {@code Content-Length}, by
 *       {@code chunked} (extensions ignored, CRLF required) or by the close; none after {@code
 *       HEAD}, 204 and 304; interim 1xx skipped, a 101 refused; anything else a {@link
 *       dev.fleetgate.proxy.upstream.MalformedResponse} (502).
 *   <li>U2 Kept-alive connections to each worker are reused, most recent first, up to 32 idle per
 *       worker, none idle longer than 4 s ({@link dev.fleetgate.proxy.upstream.ConnectionPool}); a
 *       connection is reused only after an answer that leaves it so.
 *   <li>U3 The answer to an upgrade request is read by the same parser: a 101 ends it after the
 *       head, and the bytes behind belong to the tunnel; any other answer is framed as in U1.
 * </ul>
 */
package dev.fleetgate.proxy.upstream;
