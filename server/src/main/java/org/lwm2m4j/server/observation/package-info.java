/**
 * Information Reporting on the server: {@link org.lwm2m4j.server.observation.ObservationService}
 * sends Observe and Observe-Composite, turns notifications into {@link
 * org.lwm2m4j.server.observation.Notification} events and cancels observations; {@link
 * org.lwm2m4j.server.observation.ObservationStore} keeps them by token.
 */
package org.lwm2m4j.server.observation;
