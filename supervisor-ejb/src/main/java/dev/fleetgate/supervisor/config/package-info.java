/**
 * Reading and validating configuration: every {@code fleetgate.*} value is checked once at start,
 * and a bad one stops start-up with a message naming the key and the value.
 */
package dev.fleetgate.supervisor.config;
