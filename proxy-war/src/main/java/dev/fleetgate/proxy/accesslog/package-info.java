/**
 * The access log (nginx's {@code access_log} and {@code log_format}): a line per proxied request,
 * written on the thread that ends the request.
 *
 * <ul>
 *   <li>R1 Text lines follow the template of {@code fleetgate.proxy.access-log-format}: {@code
 *       {time}} (ISO-8601, UTC, milliseconds), {@code {request_id}}, {@code {client}}, {@code
 *       {method}}, {@code {path}} (with the query), {@code {status}}, {@code {bytes_in}} and {@code
 *       {bytes_out}} (body bytes; {@code {bytes}} is {@code {bytes_out}}), {@code {worker}}, {@code
 *       {upstream_ms}} (the worker's time to its response head), {@code {total_ms}}, {@code
 *       {retries}} (tries after the first), {@code {protocol}} ({@code HTTP/1.1}, {@code HTTP/2.0})
 *       and {@code {tls}} ({@code TLSv1.3}, {@code TLSv1.2}, told by the cipher suite); {@code -}
 *       for a value that does not exist. An unknown field stops the start, naming the key.
 *   <li>R2 {@code json} instead of a template: one JSON object per line with those fields (no
 *       {@code bytes}), {@code null} for a value that does not exist, escaped by JSON-P as nginx's
 *       {@code escape=json} does.
 *   <li>R3 Lines go to the server log ({@code fleetgate.access} logger) unless {@code
 *       fleetgate.proxy.access-log-file} names a file: then to {@code <file>.0}, lines only,
 *       appended, rotated past {@code access-log-max-size} by the JDK's {@code FileHandler}, {@code
 *       access-log-max-files} kept; no line is lost to a rotation, and no lock is taken beyond the
 *       file handler's own.
 *   <li>R4 A reload opens the new configuration's log and closes the old one's file, unless both
 *       name the same file with the same rotation, which is then kept open. A request that ends
 *       after its configuration was replaced logs as the new one says; after the proxy stopped, to
 *       the server log: no line is dropped.
 *   <li>R5 The settings are checked at start, at reload and by {@code fleetgate check}, without
 *       JSON-P and without creating anything: a file whose nearest existing directory is not
 *       writable stops the start.
 * </ul>
 */
package dev.fleetgate.proxy.accesslog;
