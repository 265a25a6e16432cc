/**
 * The server's Prometheus metrics ({@link org.lwm2m4j.app.metrics.ServerMetrics}, served at {@code
 * /metrics}). Each device request's own log line comes from the server's downlink chain (logger
 * {@code org.lwm2m4j.server.operations}).
 */
package org.lwm2m4j.app.metrics;
