/**
 * The reverse proxy: every request that is not the console's goes to a ready worker.
 *
 * <ul>
 *   <li>R1 Round-robin over the ready workers read from the supervisor's routes: no lock and no EJB
 *       call per request.
 *   <li>R2 Hop-by-hop headers dropped both ways; {@code X-Forwarded-For/-Proto/-Host/-Port} added;
 *       the client's {@code Host} kept (needs {@code
 *       -Djdk.httpclient.allowRestrictedHeaders=host}).
 *   <li>R3 Bodies stream both ways, never whole in memory; responses are relayed with servlet
 *       non-blocking output and back-pressure, flushed as they arrive (server-sent events).
 *   <li>R4 No ready worker: 502 with a short body. Worker unreachable: 502. No answer within {@code
 *       fleetgate.proxy.response-timeout} (or no connection within {@code
 *       fleetgate.proxy.connect-timeout}): 504. Each logged with the worker's id.
 *   <li>R5 A client that goes away cancels the worker exchange; every exchange ends the worker's
 *       in-flight count exactly once, so draining works.
 * </ul>
 */
package dev.fleetgate.proxy;
