/**
 * The operator's console: Faces pages over the supervisor, one backing bean per page ({@code
 * index.xhtml} → {@link IndexPage}, {@code login.xhtml} → {@link LoginPage}), the shared header
 * ({@link ConsoleSession}) and the view models the pages show ({@link FleetView}, {@link
 * WorkerRow}). New pages use the template {@code WEB-INF/templates/console.xhtml}.
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
 *       </ul>
 *   <li><b>R2</b> The overview refreshes itself every 2 s by AJAX, without a full reload. When the
 *       session or the view is gone, the page reloads (to the login page) instead of freezing;
 *       polling pauses while the tab is hidden.
 *   <li><b>R3</b> Usable at 1280 px and at 390 px wide: below 640 px the table reflows into one
 *       labelled block per worker.
 *   <li><b>R4</b> Identical URLs in both deployment shapes: {@code /admin/index.xhtml}, {@code
 *       /admin/login.xhtml}; {@code /admin} and {@code /admin/} land on the overview. Nothing under
 *       {@code /admin} reaches the proxy and no {@code .xhtml} source is served raw. The shape is
 *       told by the context parameter {@value ConsolePaths#PREFIX_PARAM}: empty in the EAR (Faces
 *       on {@code *.xhtml}, context root {@code /admin}), {@code /admin} in the merged WAR (Faces
 *       on {@code /admin/*}, context root {@code /}).
 *   <li><b>R5</b> When the supervisor cannot answer, the overview says so and keeps polling; it
 *       never turns into an error page.
 * </ul>
 */
package dev.fleetgate.admin;
