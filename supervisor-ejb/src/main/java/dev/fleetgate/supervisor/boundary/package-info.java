/**
 * The supervisor as the application sees it: the {@code @Singleton @Startup} EJB that starts the
 * workers with the application, stops them with it, and offers the operations (start, stop,
 * restart, drain, scale, rolling restart) to the console and its API. Operations return once they
 * took effect or throw {@link dev.fleetgate.supervisor.boundary.OperationFailedException} saying
 * why, and of which {@link dev.fleetgate.supervisor.boundary.OperationFailedException.Kind kind}:
 * no such worker, an argument out of range, refused in the worker's state, or failed.
 */
package dev.fleetgate.supervisor.boundary;
