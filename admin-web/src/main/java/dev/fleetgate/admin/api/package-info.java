/**
 * The JSON API under {@code /admin/api} that the command line ({@code ./fleetgate status}, …) and
 * deploy scripts use: the fleet's status, the console's operations, the workers' output. {@link
 * FleetApi} lists the URLs; {@link ApiAccess} lets callers in.
 *
 * <p>Requirements (tests name the one they prove):
 *
 * <ul>
 *   <li><b>R1</b> Only a request with {@code Authorization: Bearer <fleetgate.admin.api-token>}
 *       gets in, compared in constant time; a missing or wrong token gets 401. Without a configured
 *       token every call gets 403: the API is never open by default. The console's session cookie
 *       never counts, so no POST a browser sends by itself can act (no CSRF). A token shorter than
 *       {@value ApiToken#MIN_LENGTH} characters, or with characters a header cannot carry, stops
 *       the start naming the key and never showing the token.
 *   <li><b>R2</b> {@code GET status}: desired and ready counts, the same per app ({@code apps}:
 *       name, desired, ready), and per worker its app, id and name ({@code api/0}), state, pid,
 *       port, uptime, restarts, in flight, requests, errors, memory, CPU, last exit and reason;
 *       every field always present, {@code null} when unknown. {@code GET apps/{app}/status}: the
 *       same document of one app.
 *   <li><b>R3</b> {@code POST [apps/{app}/]workers/{id}/restart|stop|start|drain}, {@code POST
 *       [apps/{app}/]scale} ({@code {"count": N}}), {@code POST [apps/{app}/]rolling-restart} run
 *       the console's own operation code ({@link dev.fleetgate.admin.WorkerOperations}), audited as
 *       user {@code api-token}, and answer once done: 200, or 404 (no such worker), 400 (bad count,
 *       named), 409 (refused in the worker's state), 500 (tried and failed), with {@code {"ok": …,
 *       "message": …}}.
 *   <li><b>R4</b> {@code GET logs}, {@code GET apps/{app}/logs} and {@code GET
 *       [apps/{app}/]workers/{id}/logs}: the last {@code lines} lines (default {@value
 *       Parameters#DEFAULT_LINES}) as JSON; with {@code follow=true}, server-sent events: those
 *       lines, then each new line once ({@code event: line}), a {@code gone} event when the
 *       followed worker no longer exists, a comment every 15 s of silence. No thread waits for a
 *       line.
 *   <li><b>R5</b> Every refusal and failure is JSON, {@code {"ok": false, "message": …}}, with its
 *       status: never the console's HTML error page, a class name or a stack trace.
 *   <li><b>R6</b> Same URLs in both deployment shapes (mapped in both web.xml files, never by
 *       annotation); nothing under {@code /admin/api} reaches the proxy.
 *   <li><b>R7</b> Apps: every URL that acts on workers or reads them has a form under {@code
 *       apps/{app}/} ({@code POST apps/{app}/workers/{id}/restart|stop|start|drain}, {@code POST
 *       apps/{app}/scale}, {@code POST apps/{app}/rolling-restart}, {@code GET
 *       apps/{app}/workers/{id}/logs}, …); the form without it acts on the default app ({@code
 *       default}, or the only app). An unknown app, or a name no app can have, is a 404 that names
 *       it. Audit lines name workers as {@code worker=api/0} and whole apps as {@code
 *       worker=api/all} ({@code worker=0}, {@code worker=all} in the default app).
 *   <li><b>R8</b> Cluster ({@link ClusterApi}, {@link NodeApi}). {@code GET cluster}: {@code
 *       enabled}, this {@code node}'s name, {@code gridMembers}, {@code time}, and every node, live
 *       and lost, by name ({@code name}, {@code local}, {@code state} LIVE or LOST, {@code lostAt},
 *       {@code lastSeen}, {@code http}, {@code grid}, {@code version}, {@code startedAt}), each
 *       with the {@code status} document of R2 built from its latest report; without a cluster,
 *       {@code enabled} is false and this node is the only one. {@code nodes/{node}/} before the
 *       URLs of R3 and R4 acts on that node's workers: exactly as without it for this node; for
 *       another, the operation is carried out by it (audited on both) and the last lines of its
 *       workers are fetched from it ({@code follow=true} is a 400 there); without {@code
 *       apps/{app}/}, the node's default app. An unknown node is a 404 and a lost one a 409, naming
 *       it. {@code POST cluster/[apps/{app}/]rolling-restart} restarts every app (or one) node
 *       after node, each fully ready before the next, and answers once the last one is.
 * </ul>
 */
package dev.fleetgate.admin.api;
