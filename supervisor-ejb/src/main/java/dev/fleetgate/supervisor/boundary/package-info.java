/**
 * The supervisor as the application sees it: the {@code @Singleton @Startup} EJB that starts the
 * workers with the application, stops them with it, and offers the operations (start, stop,
 * restart, drain, scale, rolling restart) to the console. Operations return once they took effect
 * or throw {@link dev.fleetgate.supervisor.boundary.OperationFailedException} saying why.
 */
package dev.fleetgate.supervisor.boundary;
