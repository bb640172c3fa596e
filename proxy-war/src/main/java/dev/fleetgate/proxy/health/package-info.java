/** MicroProfile Health for the proxy: live while it is started and can forward requests. */
package dev.fleetgate.proxy.health;
