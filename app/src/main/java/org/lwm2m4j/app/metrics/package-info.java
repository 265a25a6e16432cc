/**
 * The server's Prometheus metrics ({@link org.lwm2m4j.app.metrics.ServerMetrics}, served at {@code
 * /metrics}) and one log line per failed device request ({@link
 * org.lwm2m4j.app.metrics.FailedRequestLog}).
 */
package org.lwm2m4j.app.metrics;
