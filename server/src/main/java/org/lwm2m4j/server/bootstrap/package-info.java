/**
 * The LwM2M Bootstrap-Server: {@link org.lwm2m4j.server.bootstrap.BootstrapServer} answers
 * Bootstrap-Request (and Bootstrap-Pack-Request) and pushes server-initiated sessions, running
 * each client's {@link org.lwm2m4j.server.bootstrap.BootstrapPlan}; its configurations live in
 * {@code bootstrap.config}.
 */
package org.lwm2m4j.server.bootstrap;
