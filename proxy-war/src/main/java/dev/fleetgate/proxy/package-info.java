/**
 * The reverse proxy: every request that is not the console's goes to a ready worker.
 *
 * <p>A request's way, top to bottom: {@link ProxyServlet#service} checks it, then an upgrade goes
 * to the {@code upgrade} package, a request without a body to {@link FastPath} (one {@link
 * FastAttempt} per try, synchronous), any other to {@link ProxyServlet}'s asynchronous path (one
 * {@link Exchange}, its answer streamed by {@link ResponseRelay}). On both paths each try on a
 * worker is one {@link Attempt}, which closes its counts exactly once, and a failed try gets one
 * {@link FailureVerdict}: retry, the proxy's own answer, or nothing (the client left, or part of
 * the worker's answer is already out).
 *
 * <ul>
 *   <li>R1 The worker comes from {@link dev.fleetgate.proxy.balance.Balancer} over the supervisor's
 *       routes: no lock and no EJB call per request.
 *   <li>R2 Hop-by-hop headers dropped both ways; {@code X-Forwarded-For/-Proto/-Host/-Port} added;
 *       the client's {@code Host} kept (needs {@code
 *       -Djdk.httpclient.allowRestrictedHeaders=host,connection}, which the launcher sets); the
 *       worker's {@code Server} and {@code Date} not passed on, as nginx does.
 *   <li>R3 Bodies stream both ways, never whole in memory and without a thread waiting on either
 *       side: request bodies with servlet non-blocking input, read only as fast as the worker's
 *       connection takes them; responses with non-blocking output and back-pressure, flushed as
 *       they arrive (server-sent events).
 *   <li>R4 No ready worker: 502 {@code no worker is ready}. Worker failed: 502. No response headers
 *       within {@code fleetgate.proxy.response-timeout} (counted once the request body is sent), or
 *       no connection within {@code fleetgate.proxy.connect-timeout}: 504. Each logged with the
 *       worker's id. One rule for both paths: {@link FailureVerdict}.
 *   <li>R5 Retries as nginx's {@code proxy_next_upstream error timeout}: on another worker, up to
 *       {@code fleetgate.proxy.max-tries}, only while nothing reached the client; POST, PATCH, LOCK
 *       and requests whose body was streamed only when the worker never got the connection. A
 *       worker is blamed (passive health) for its own failures, never for the client's: a body over
 *       the limit, a client too slow to send it, a client gone.
 *   <li>R6 A body over {@code fleetgate.proxy.max-body-size} gets 413: before any worker sees it
 *       when its length is declared, as soon as it runs over when chunked.
 *   <li>R7 A client that goes away cancels the worker exchange; every attempt ends its worker's
 *       in-flight count exactly once ({@link Attempt}, whichever of answer, failure, timeout or
 *       cancellation comes first), so draining works.
 *   <li>R8 Requests with {@code Upgrade} (WebSocket) are tunnelled ({@code upgrade} package);
 *       HTTP/2's {@code h2c} upgrade is ignored and the request proxied as HTTP/1.1.
 *   <li>R9 An access log line per request, as text or JSON, to the server log or a file of its own
 *       rotated by size, when enabled ({@code accesslog} package).
 *   <li>R11 Idle timeouts, as nginx's {@code proxy_read_timeout} and {@code client_body_timeout}:
 *       {@code fleetgate.proxy.read-timeout} between two reads, never over a whole transfer. A
 *       worker silent that long in the middle of a body, or one that fails there, gets the client's
 *       connection cut, so the body never looks complete; a client that stops sending its body that
 *       long gets 408. How to cut a connection is looked up once at start ({@link
 *       ConnectionAbort}), with a warning in the log where the container offers no way. Enforced by
 *       one sweep ({@link dev.fleetgate.proxy.StallWatch}), not a timer per request.
 *   <li>R12 Per-worker traffic (requests, errors by kind, status classes, bytes, latency) recorded
 *       once per attempt without locks, in {@link dev.fleetgate.supervisor.traffic}.
 *   <li>R10 Active health checks as HAProxy's: a worker failing {@code fall} checks in a row gets
 *       no traffic until it passes {@code rise}.
 *   <li>R13 A request with ambiguous framing never reaches a worker, and its connection is closed
 *       after the answer: {@code Content-Length} with {@code Transfer-Encoding} or more than one
 *       {@code Host} gets 400, a transfer coding other than {@code chunked} 501 (the front door,
 *       {@code dev.fleetgate.frontdoor}, refuses them first, ahead of the container's parser). Nor
 *       does a head the worker's HTTP/1.1 connection could not carry as one request ({@link
 *       RequestSyntax}: HTTP/2 fields that are not tokens or hold a line break, a space in the
 *       target), nor an HTTP/2 body that ends short of its {@code content-length}: 400.
 *   <li>R14 The proxied path takes no lock, no EJB call and no thread hand-off of its own: the JDK
 *       client's callbacks run on its selector thread ({@link WorkerClients}), and in the merged
 *       WAR neither the console's sign-in nor CDI's request context runs for proxied requests
 *       ({@code dev.fleetgate.admin.security.ConsoleOnlyAuthentication}, Weld's {@code
 *       org.jboss.weld.context.mapping} in micro-war's web.xml).
 *   <li>R15 A request without an upgrade and without a body, or with a body of at most 16 KiB that
 *       arrived with its head, is proxied synchronously on the thread that received it ({@link
 *       FastPath}), over pooled worker connections, while fewer than {@code
 *       fleetgate.proxy.sync-threads} such requests wait on workers; the others take the
 *       asynchronous path, which holds no thread. Both follow R1–R13. A POST, PATCH or LOCK reuses
 *       only a connection idle for less than 1 s, and is not sent again once written.
 *   <li>R16 The proxy's settings are checked by the rules {@link ProxyConfigRules}, the same at
 *       start ({@link ProxySettings}, {@link FrontDoorLink}) and in {@code fleetgate check}, which
 *       loads them on a plain JDK: they touch no servlet or front-door type.
 *   <li>R17 A reloaded configuration ({@code dev.fleetgate.supervisor.reload}) is checked whole
 *       before it applies; then every request that starts gets the new settings ({@link
 *       ProxyRuntime}), and requests under way finish with the ones they started with.
 *   <li>R18 Every request has one id ({@link RequestId}, nginx's {@code $request_id}), decided when
 *       it arrives: the one a trusted proxy sent, when sane, else a new one ({@code headers} R4).
 *       It goes to the worker in {@code fleetgate.proxy.request-id-header} in place of the
 *       client's, on both paths and for upgrades; back to the client on every answer, the proxy's
 *       own (400, 413, 502, 504…) included; into the access log and into every log line of the
 *       proxy about that request ({@link FailureLog}).
 *   <li>R19 With {@code fleetgate.proxy.gzip} on, answers are compressed with gzip as nginx's gzip
 *       module does, by the rules of the {@code compression} package: decided once per answer where
 *       its headers are copied ({@link ResponseHeaders}), and streamed on both paths ({@link
 *       FastAttempt} after every read from the worker, {@link ResponseRelay} as the client takes
 *       it), never whole in memory, flushed as the identity body would be. Upgrades are never
 *       compressed.
 *   <li>R20 Apps: the {@link ProxyRuntime} holds one {@link AppPool} per app (its balancer, health
 *       checks, timeouts, tries and body limit, read through the app's view of the settings) and
 *       the {@code routes} package's immutable table, consulted once per request before anything
 *       else is chosen: no match and no default app is 404. A stripped prefix is taken off the path
 *       the worker gets, on both paths and for upgrades, and sent as {@code X-Forwarded-Prefix}.
 *       The fast path's thread budget ({@code sync-threads}) is one for all apps; worker
 *       connections are pooled by address for all, each app dialling with its own connect timeout.
 * </ul>
 */
package dev.fleetgate.proxy;
