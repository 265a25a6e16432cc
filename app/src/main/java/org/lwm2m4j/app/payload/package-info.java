/**
 * {@code lwm2m decode} and {@code lwm2m encode}: {@link org.lwm2m4j.app.payload.DecodeCommand}
 * prints any LwM2M payload as SenML JSON, {@link org.lwm2m4j.app.payload.EncodeCommand} does the
 * inverse.
 */
package org.lwm2m4j.app.payload;
