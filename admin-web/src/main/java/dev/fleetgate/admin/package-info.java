/**
 * The operator's console: Faces pages over the supervisor, one backing bean per page ({@code
 * index.xhtml} → {@link IndexPage}, {@code worker.xhtml} → {@link WorkerPage}, {@code charts.xhtml}
 * → {@link ChartsPage}, {@code config.xhtml} → {@link ConfigPage}, {@code login.xhtml} → {@link
 * LoginPage}), the shared header ({@link ConsoleSession}), the operations every page and the API
 * use ({@link WorkerOperations}), the Prometheus endpoint ({@link MetricsServlet}), the error page
 * ({@link ErrorPage}), the {@code Server} header ({@link ServerHeader}) and the view models the
 * pages show ({@link FleetView}, {@link NodeGroup}, {@link WorkerRow}, {@link LogRow}, {@link
 * EventRow}, {@link SettingRow}, {@link ChartSeries}). New pages use the template {@code
 * WEB-INF/templates/console.xhtml}.
 *
 * <p>Requirements (tests name the one they prove):
 *
 * <ul>
 *   <li><b>R1</b> The overview ({@code index.xhtml}) lists every worker: id, pid, port, state,
 *       uptime, restarts, last exit, memory, in-flight requests, reason; above it, how many are
 *       ready of how many desired.
 *       <ul>
 *         <li><b>R1.1</b> Uptime reads like "3 h 12 min", counted from the process start to the
 *             snapshot; "–" when there is no process.
 *         <li><b>R1.2</b> Memory (RSS) in binary units ("231.5 MiB"); "–" when unknown.
 *         <li><b>R1.3</b> Last exit: the code, or the signal with its name, and how long ago.
 *         <li><b>R1.4</b> The state is a badge whose colour tells healthy, changing, idle, waiting
 *             or failed; every state has one.
 *         <li><b>R1.5</b> Each row also shows CPU (percent of one core), requests, errors (failed
 *             forwards plus 5xx answers) and p50/p99 latency since the server started; "–" for a
 *             latency before the first request or an unknown CPU.
 *         <li><b>R1.6</b> A badge says whether the fleet is ready as {@code /health/ready} judges
 *             it: every app has at least its {@code min-ready} workers READY.
 *         <li><b>R1.7</b> With several apps, workers are grouped by app in the configuration's
 *             order: a group header per app (its name, ready of desired, its readiness) over the
 *             app's own table. Each worker is named {@code api/0} (the default app's keep bare ids,
 *             {@code 0}) and links to {@code worker.xhtml?app=api&id=0} ({@code ?id=0} in the
 *             default app). With one app the overview is the single table it always was.
 *       </ul>
 *   <li><b>R2</b> The overview refreshes itself every 2 s by AJAX, without a full reload. When the
 *       session or the view is gone, the page reloads (to the login page) instead of freezing;
 *       polling pauses while the tab is hidden.
 *   <li><b>R3</b> Usable at 1280 px and at 390 px wide: at 1280 px every column of the overview is
 *       in view without scrolling (headers and long texts wrap); below 640 px the table reflows
 *       into one labelled block per worker.
 *   <li><b>R4</b> Identical URLs in both deployment shapes: {@code /admin/index.xhtml}, {@code
 *       /admin/login.xhtml}; {@code /admin} and {@code /admin/} land on the overview. Nothing under
 *       {@code /admin} reaches the proxy and no {@code .xhtml} source is served raw. The shape is
 *       told by the context parameter {@value ConsolePaths#PREFIX_PARAM}: empty in the EAR (Faces
 *       on {@code *.xhtml}, context root {@code /admin}), {@code /admin} in the merged WAR (Faces
 *       on {@code /admin/*}, context root {@code /}).
 *   <li><b>R5</b> When the supervisor cannot answer, the overview says so and keeps polling; it
 *       never turns into an error page.
 *   <li><b>R6</b> Operations: restart, stop, start and drain one worker (overview row or worker
 *       page), scale an app to N, rolling restart of an app's workers (with several apps, the app
 *       is chosen beside those two buttons). Each asks for confirmation, is a POST (an AJAX
 *       postback carrying the Faces view state), waits until done and shows the result: what was
 *       done, or the supervisor's reason for failing.
 *       <ul>
 *         <li><b>R6.1</b> Only role {@code fleetgate-admin} may act: the server checks in the
 *             action itself, not only by hiding the buttons from a {@code fleetgate-viewer}.
 *         <li><b>R6.2</b> A POST without the view state of a page the same session rendered (forged
 *             from another site, or replayed after sign-out) changes nothing.
 *       </ul>
 *   <li><b>R7</b> Every operation, allowed or not, is logged on the logger {@code fleetgate.audit}
 *       as one line {@code user=<name> action=<what> worker=<id|all> result=<ok|error: ...>}: the
 *       worker as {@code api/0}, or {@code 0} in the default app; a whole app as {@code api/all},
 *       or {@code all} in the default app (and for reload).
 *   <li><b>R9</b> {@code /admin/metrics} answers the Prometheus text of {@code
 *       Supervisor.prometheusText()} to a signed-in user of either role, or to {@code
 *       Authorization: Bearer <fleetgate.metrics.token>} (compared in constant time); to anyone
 *       else 401. It is where the worker details the public {@code /health} leaves out are read:
 *       state, pid, port, restarts and reason of every worker.
 *   <li><b>R10</b> Values whose name contains password, secret, token, key, hash or credential are
 *       shown as "••••••": configuration keys, the entries of {@code fleetgate.workers.env}, and
 *       workers' environment variables.
 *   <li><b>R11</b> The worker page ({@code worker.xhtml?app=api&id=N}, or {@code ?id=N} in the
 *       default app) shows the worker's figures and operations, and:
 *       <ul>
 *         <li><b>R11.1</b> its recent output, stdout and stderr told apart, newest at the bottom,
 *             following live (every 2 s) unless the operator scrolled up;
 *         <li><b>R11.2</b> its state changes, newest first, with pid and reason: its restart
 *             history;
 *         <li><b>R11.3</b> its command line and the environment Fleetgate gives it.
 *       </ul>
 *   <li><b>R12</b> The configuration page lists every {@code fleetgate.*} setting in effect and
 *       where it came from: "default" (the shipped {@code microprofile-config.properties}), "system
 *       property", "environment", "config file" and its path, or the name of another source.
 *   <li><b>R13</b> The charts page shows requests per second, latency (p50, p99) and restarts per
 *       worker (each line named as the worker is, {@code worker api/0}) over the last 15 minutes,
 *       one point per worker every 5 s, re-read every 5 s; a missing sample is a gap, not a zero.
 *   <li><b>R14</b> Error pages of Fleetgate's own answers ({@link ErrorPage}, mapped in both
 *       web.xml files for 400, 401, 403, 404, 405, 413, 500 and every exception) say the status and
 *       one sentence: no class name, stack trace or server name. A form over the listener's {@code
 *       max-post-size-bytes} answers 413.
 *   <li><b>R15</b> Every answer carries {@code Server: Fleetgate}, or the text of {@code
 *       fleetgate.http.server-header}, or no {@code Server} header when that is {@code none}
 *       ({@link ServerHeader}); a value a header cannot carry stops start-up naming the key.
 *   <li><b>R16</b> The console's settings (the administrator, the viewer, the {@code Server}
 *       header) are checked by {@link ConsoleConfigRules}, at start with every other module's and
 *       by {@code fleetgate check}, which loads them on a plain JDK.
 *   <li><b>R17</b> The JSON API ({@link dev.fleetgate.admin.api}) performs the same operations
 *       through the same code, {@link WorkerOperations}: one place performs each operation, checks
 *       who may, and writes the audit line. Its {@link Outcome} says of which kind a failure is (no
 *       such worker, bad argument, refused in the worker's state, failed), for the API's status.
 *   <li><b>R18</b> In a cluster ({@code dev.fleetgate.supervisor.cluster}) the console shows every
 *       node's workers, and acts on any of them from any node. Without a cluster it is exactly what
 *       R1–R17 describe: same page, same ids, same URLs.
 *       <ul>
 *         <li><b>R18.1</b> The overview has one section per node, by name ({@link NodeGroup}): a
 *             header with the node's name, LIVE or "LOST since 12:03:04", its HTTP and data grid
 *             addresses, its version and a "this node" marker; in it the node's apps, each with the
 *             table of R1 (its header only with several apps). This node's rows come from its
 *             supervisor, the others' from their last reports. A lost node's rows are its last
 *             known workers, greyed, without actions. The headline and the readiness badge count
 *             the live nodes only, with the number of nodes (and of lost ones) beside them.
 *         <li><b>R18.2</b> Row operations name the worker's node and are carried out there; scaling
 *             and the rolling restart act on an app of a live node chosen beside them ({@link
 *             AppOnNode}, "api on n2"). A confirmed "rolling restart of the whole cluster" restarts
 *             every app node after node, each node fully ready again before the next. All are POSTs
 *             of the same form, as R6.
 *         <li><b>R18.3</b> Worker links carry the node ({@code worker.xhtml?node=n2&app=api&id=0};
 *             without {@code node}, this node's worker). Another node's worker's figures come from
 *             its node's last report ({@link ReportedWorker}), its output is fetched from the node
 *             on every load and poll ({@link WorkerOutput}), and its operations are carried out
 *             there; its history and environment, not replicated, read "not available for a worker
 *             on another node". A lost node's worker shows its last state, says the node is lost,
 *             and offers no operation.
 *         <li><b>R18.4</b> The charts show this node's samples and say so ("charts show this node
 *             (n1)").
 *       </ul>
 * </ul>
 *
 * <p>R8 (the read-only role) is in {@link dev.fleetgate.admin.security}.
 */
package dev.fleetgate.admin;
