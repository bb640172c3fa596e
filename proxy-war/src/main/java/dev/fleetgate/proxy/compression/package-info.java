/**
 * Compression of proxied answers with gzip, as nginx's gzip module does it: the decision, pure
 * ({@link dev.fleetgate.proxy.compression.CompressionPolicy}), and a streaming encoder ({@link
 * dev.fleetgate.proxy.compression.GzipEncoder}) that both of the proxy's paths drive.
 *
 * <ul>
 *   <li>R1 An answer is compressed only when all of these hold: {@code fleetgate.proxy.gzip} is on;
 *       the request is not {@code HEAD} and the status has a body (not 1xx, 204, 205, 304); it is
 *       not a part of a body (206, or any {@code Content-Range}); the worker applied no {@code
 *       Content-Encoding} of its own ({@code identity} counts as none); the {@code Content-Type},
 *       without parameters and in any case, is in {@code fleetgate.proxy.gzip-types} ({@code *}:
 *       any), and is never {@code text/event-stream}; the worker did not send {@code Cache-Control:
 *       no-transform}; its {@code Content-Length} is unknown or at least {@code
 *       fleetgate.proxy.gzip-min-length}; and the client takes gzip (R2) over HTTP/1.1 or later.
 *   <li>R2 The client takes gzip when its {@code Accept-Encoding} names {@code gzip} (or {@code
 *       x-gzip}) with a weight above 0, or, naming neither, {@code *} with a weight above 0; {@code
 *       q=0} refuses, and a weight that is not a valid qvalue counts as 0.
 *   <li>R3 A compressed answer says {@code Content-Encoding: gzip} and goes chunked: the worker's
 *       {@code Content-Length} and {@code Accept-Ranges} are dropped, its {@code ETag} weakened
 *       ({@code W/}, kept so that revalidation still works; one that is no entity tag is dropped).
 *       It, and an answer that meets every condition of R1 but the client's (its {@code
 *       Accept-Encoding} or its HTTP/1.0), get {@code Vary: Accept-Encoding}, merged with the
 *       worker's into one header, never twice, and not added to {@code Vary: *}.
 *   <li>R4 The settings are read and checked at start and on reload ({@code ProxySettings}): {@code
 *       gzip} true or false, {@code gzip-types} media types or {@code *}, {@code gzip-min-length} a
 *       size, {@code gzip-level} 1 to 9; a bad value names its key and value.
 *   <li>R5 The body is compressed as it streams, never whole in memory: the encoder holds only the
 *       deflater's window, and each time the proxy's path sends on what the worker sent (the fast
 *       path after every read, the asynchronous one whenever it has caught up with the worker), it
 *       sync-flushes, so the client can decode everything so far and streamed answers still stream.
 *       The gzip trailer goes out only after the worker's whole body; a body the worker broke off
 *       gets none (the client's connection is cut, as for any answer).
 *   <li>R6 Both of the proxy's paths compress (its fast path and its asynchronous one); the access
 *       log's {@code {bytes}} and the worker's response byte count are what went to the client, so
 *       compressed bytes. Upgrades (WebSocket) are never touched.
 * </ul>
 */
package dev.fleetgate.proxy.compression;
