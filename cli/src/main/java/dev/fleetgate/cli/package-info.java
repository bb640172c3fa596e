/**
 * The command line of a running Fleetgate ({@code ./fleetgate status}, …): a client of the server's
 * JSON API under {@code /admin/api} ({@code dev.fleetgate.admin.api}), on the JDK alone. {@link
 * FleetgateCli} runs one command; {@link Invocation} reads the command line; {@link ApiClient}
 * talks to the server; {@link StatusTable}, {@link ClusterTable} and {@link LogFormat} print for
 * people; {@link Json} reads the answers.
 *
 * <p>Requirements (tests name the one they prove):
 *
 * <ul>
 *   <li><b>R1</b> Commands: {@code status [<app>]}, {@code restart|stop|start|drain <worker>},
 *       {@code scale [<app>] <n>}, {@code rolling-restart [<app>]}, {@code reload}, {@code logs
 *       [-f] [-n <lines>] [<worker>|<app>]}, {@code help}; options {@code --json}, {@code --url},
 *       {@code --token}, anywhere on the line. A wrong command line sends nothing.
 *       <ul>
 *         <li><b>R1.1</b> A worker is named {@code api/0}; a bare {@code 0} is the default app's
 *             (the server's {@code default}, or its only app). Without an app, {@code scale} and
 *             {@code rolling-restart} act on the default app, {@code status} and {@code logs} show
 *             every app. Each command with an app uses the API's URLs under {@code apps/<app>/}.
 *       </ul>
 *   <li><b>R2</b> The server is {@code --url}, else {@code FLEETGATE_URL}, else {@code
 *       http://127.0.0.1:${FLEETGATE_HTTP_PORT:-8080}}; the token is {@code --token}, else {@code
 *       FLEETGATE_API_TOKEN}, else {@code FLEETGATE_ADMIN_API_TOKEN}, else {@code
 *       fleetgate.admin.api-token} in the installation's {@code conf/fleetgate.properties}.
 *   <li><b>R3</b> Exit codes ({@link Exit}): 0 done, 1 refused or failed (the server's reason on
 *       stderr), 2 usage, 3 server unreachable or the connection lost, 4 no token, a wrong one, or
 *       the API off.
 *   <li><b>R4</b> For people: {@code status} as a table like {@code pm2 ls} with the ready count
 *       and each down worker's reason (with several apps, an {@code APP} column and one ready count
 *       per app); log lines as {@code <worker>|out | <text>}; an operation's message as the server
 *       says it.
 *   <li><b>R5</b> {@code --json}: the API's JSON as it answered (status, operations, {@code logs});
 *       {@code logs -f --json}: one JSON object per line, as each arrives.
 *   <li><b>R6</b> The JDK alone (its HTTP client, a small JSON reader): no redirect is followed, so
 *       the token never travels to another address; output is UTF-8; an answer that is not the
 *       API's is a failure with a message.
 *   <li><b>R7</b> Cluster: {@code status --cluster} prints every node's workers as one table with a
 *       {@code NODE} column first ({@link ClusterTable}), then a line per node (this node marked,
 *       LIVE or LOST since when, HTTP and grid address, version, ready count), the down workers'
 *       reasons and the cluster's size; {@code --json} the API's {@code cluster} document. {@code
 *       --node <name>} makes {@code restart|stop|start|drain}, {@code scale}, {@code
 *       rolling-restart} and {@code logs} use the API's URLs under {@code nodes/<name>/}; {@code
 *       rolling-restart --cluster [<app>]} those under {@code cluster/}, node after node. {@code
 *       --node} with any other command, {@code --cluster} with any but {@code status} and {@code
 *       rolling-restart}, or both together, are usage errors.
 * </ul>
 */
package dev.fleetgate.cli;
