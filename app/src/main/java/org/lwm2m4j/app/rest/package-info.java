/**
 * The server's REST API and event stream on Javalin: {@link org.lwm2m4j.app.rest.RestApi} starts
 * it, one package-private {@code *Routes} class per feature turns HTTP into calls on {@code
 * LwM2mServer}, and {@link org.lwm2m4j.app.rest.ErrorMapping} is the one place failures become
 * HTTP answers.
 */
package org.lwm2m4j.app.rest;
