/**
 * Several Fleetgate nodes as one cluster, on Payara's data grid (Hazelcast): one view of every
 * node's workers, operations on any of them from any node. Built on the grid's membership and
 * structures, with no protocol of our own for membership.
 *
 * <ul>
 *   <li>R1 Joining ({@link ClusterSettings}, {@link ClusterOptions}, {@link ClusterSecret}).
 *       <ul>
 *         <li>R1.1 {@code fleetgate.cluster.*} keys become Payara Micro's own options: the grid's
 *             name, discovery ({@code tcpip} member list, {@code multicast}, {@code dns}, {@code
 *             kubernetes} as the DNS name of a headless Service), port, interfaces, public address;
 *             the launcher reads them from {@code fleetgate check}.
 *         <li>R1.2 A shared secret of at least 16 characters is required. The grid's cluster name
 *             is derived from it, so a node with another name or secret joins another grid; every
 *             report and message is signed with it (HMAC-SHA256) and anything unsigned is dropped.
 *         <li>R1.3 Members, their addresses and versions are in {@code /health} data, the console
 *             and {@code fleetgate status --cluster}.
 *         <li>R1.4 Without {@code fleetgate.cluster.enabled} no grid starts ({@code
 *             --nohazelcast}): no port, no thread, no start time.
 *       </ul>
 *   <li>R2 One view ({@link NodeReport}, {@link NodeReportJson}).
 *       <ul>
 *         <li>R2.1 Every {@code publish-interval} (at most 2 s) each node publishes its signed
 *             report (apps, workers, traffic) on a grid topic; every node keeps the newest report
 *             of each node in memory, so reading the view never waits on the grid, and a report
 *             that is no longer refreshed expires: its node is shown lost (R4), then forgotten.
 *         <li>R2.2 Logs are not replicated: fetched from the owning node on demand, bounded.
 *       </ul>
 *   <li>R3 Operations anywhere ({@link Cluster#perform}, {@link GridMessages}, {@link
 *       NodeRequests}).
 *       <ul>
 *         <li>R3.1 A request names the node and its incarnation (its grid member id): a node that
 *             restarted since does not carry out what was meant for its predecessor. Messages older
 *             than two minutes or seen before are dropped.
 *         <li>R3.2 The owning node carries the operation out on its own supervisor and writes its
 *             own audit line ({@code node=}, {@code from-node=}); the asking node audits it too.
 *         <li>R3.3 A cluster-wide rolling restart goes node by node: the next node starts only once
 *             the previous one reports every worker READY again, from a report taken after its
 *             restart ended; a node lost meanwhile stops it.
 *       </ul>
 *   <li>R4 Loss and return ({@link ClusterView}): a node is lost when the grid says its member
 *       left, or when no new report of it came for {@code lost-after} (this node's clock only); it
 *       is shown lost with the time, and live again when a new report of it arrives (a restarted
 *       node rejoins by itself). Lost nodes are forgotten after an hour.
 *   <li>R5 Console sessions valid on every node: a key derived from the secret signs them ({@link
 *       Cluster#sessionKey}).
 * </ul>
 */
package dev.fleetgate.supervisor.cluster;
