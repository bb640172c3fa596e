/**
 * The sample worker: the HTTP app Fleetgate starts when the user configures none, and the target
 * its proxy and supervisor tests aim at. It runs on the JDK alone ({@code com.sun.net.httpserver}),
 * starts in a fraction of a second and stays small, so a fleet of them costs little.
 *
 * <p>Requirements:
 *
 * <ul>
 *   <li><b>R1 Configuration.</b> The process reads its environment once at start: {@code PORT}
 *       (required, 0 to 65535, 0 = any free port), {@code HOST} (default {@code 127.0.0.1}), {@code
 *       WORKER_ID} (default {@code 0}), {@code SAMPLE_WORKER_CHAOS}, {@code
 *       SAMPLE_WORKER_START_DELAY_MS} and {@code SAMPLE_WORKER_ACCESS_LOG}.
 *       <ul>
 *         <li>R1.1 An invalid value ends the process with exit code 2 and one stderr line that
 *             names the variable and the value.
 *       </ul>
 *   <li><b>R2 Announcement.</b> Once listening it prints exactly one stdout line {@code
 *       sample-worker <id> listening on <host>:<port> (pid <pid>)}, with the real port, and one
 *       stderr line {@code sample-worker <id> stderr ready}.
 *   <li><b>R3 Request info.</b> {@code /} and every path not listed here answer 200 with what the
 *       worker saw: worker, pid, port, method, raw path and query, {@code Host} and the forwarding
 *       headers ({@code null} when absent).
 *   <li><b>R4 Headers.</b> {@code GET /headers} answers every request header, names lower-cased,
 *       each with all its values.
 *   <li><b>R5 Echo.</b> {@code POST|PUT /echo} streams the body back as it reads it, chunked, with
 *       the request's {@code Content-Type}, through a fixed buffer.
 *   <li><b>R6 Upload.</b> {@code POST|PUT /upload} reads and discards the body and answers its
 *       length and SHA-256.
 *   <li><b>R7 Stream.</b> {@code GET /stream?bytes=N&chunk=K} sends N bytes of repeated a-z in
 *       flushed writes of K bytes (default 64 KiB), {@code interval} ms apart (default 0), chunked,
 *       or with {@code Content-Length} and {@code Accept-Ranges: bytes} when {@code length=true},
 *       as {@code Content-Type} {@code type} (default {@code text/plain}). A request with {@code
 *       Range: bytes=first-last} (or {@code first-}) gets that part as 206 with {@code
 *       Content-Range}, or 416 when it starts past the end; any other {@code Range} is ignored.
 *   <li><b>R8 Delay.</b> {@code /delay?ms=N} waits N ms (at most 10 minutes), then answers as R3.
 *   <li><b>R9 Server-sent events.</b> {@code GET /sse?count=N&interval=ms} sends N events (default
 *       5), one every interval (default 100 ms), each flushed as it is written.
 *   <li><b>R10 Health.</b> {@code /health} answers 200 {@code {"status":"UP",...}}.
 *   <li><b>R11 Status.</b> {@code /status/{code}} answers that status (200 to 599).
 *   <li><b>R12 Chaos.</b> Only when {@code SAMPLE_WORKER_CHAOS=true}:
 *       <ul>
 *         <li>R12.1 {@code /crash?code=N} halts the process at once with exit code N (default 1).
 *         <li>R12.2 {@code /hang} never answers; the handler blocks until interrupted.
 *         <li>R12.3 {@code /leak?mb=N} allocates and keeps N MiB of touched native memory and
 *             answers the total kept.
 *         <li>R12.5 {@code /cut?after=N&then=crash|hang} sends a 200 with N bytes of a chunked
 *             body, then halts the process or falls silent.
 *         <li>R12.4 With chaos off these paths answer 404 with a JSON error.
 *       </ul>
 *   <li><b>R13 Graceful stop.</b> On SIGTERM the worker stops accepting connections, lets requests
 *       in flight finish for up to 5 s, prints {@code sample-worker <id> stopping} and exits 0.
 *   <li><b>R14 Concurrency.</b> Many slow requests (SSE, delay, hang) are served at once, and
 *       connections are kept alive between requests.
 *   <li><b>R15 Access log.</b> With {@code SAMPLE_WORKER_ACCESS_LOG=true}, one stdout line per
 *       request: method, path, status, milliseconds. Off by default.
 *   <li><b>R16 Start delay.</b> {@code SAMPLE_WORKER_START_DELAY_MS} delays listening, for
 *       readiness tests.
 *   <li><b>R17 JSON.</b> Answers are JSON written by hand, strings escaped per RFC 8259.
 *   <li><b>R18 Connection.</b> {@code /connection} answers the worker id and the peer port the
 *       request came from (the same port twice: a reused keep-alive connection).
 *   <li><b>R19 JSON of a size.</b> {@code GET /json?bytes=N} answers a JSON document of exactly N
 *       bytes (default 4096, at most 64 MiB) with its {@code Content-Length}: the worker's id and
 *       numbered items, padded with spaces.
 * </ul>
 */
package dev.fleetgate.sample;
