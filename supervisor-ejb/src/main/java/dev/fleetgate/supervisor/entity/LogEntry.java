package dev.fleetgate.supervisor.entity;

/**
 * A worker's output line with its number. Numbers come from one counter for the whole fleet: they
 * grow with each line of a worker, and a worker that replaces another on the same id continues
 * above them, so a reader that remembers the last number it saw of each worker misses nothing and
 * reads nothing twice.
 *
 * @param number the line's number, from 1
 * @param workerId the worker that wrote it
 * @param line what it wrote, when, on which stream
 */
public record LogEntry(long number, int workerId, LogLine line) {}
