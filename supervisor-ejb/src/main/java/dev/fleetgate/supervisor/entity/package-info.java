/** Immutable values describing workers: states, snapshots, exit statuses, log lines. */
package dev.fleetgate.supervisor.entity;
