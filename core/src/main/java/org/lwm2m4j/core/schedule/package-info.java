/**
 * Time and threads for the whole library: the {@link org.lwm2m4j.core.schedule.Scheduler} every
 * server, client and bootstrap server is given (real time in production, virtual time in tests),
 * and {@link org.lwm2m4j.core.schedule.SerialExecutor} for work that must stay in order on it.
 */
package org.lwm2m4j.core.schedule;
