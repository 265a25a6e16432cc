/**
 * The Bootstrap Server's REST API: bootstrap configs by endpoint name and the server-initiated
 * bootstrap push ({@link org.lwm2m4j.app.bootstrap.rest.BootstrapRoutes}).
 */
package org.lwm2m4j.app.bootstrap.rest;
