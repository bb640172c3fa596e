/**
 * What the proxy reads on every request: the ready workers as one immutable {@link
 * dev.fleetgate.supervisor.routing.Routes} value behind a volatile field, and per-process counters
 * updated without locks. No lock and no EJB call on the request path.
 */
package dev.fleetgate.supervisor.routing;
