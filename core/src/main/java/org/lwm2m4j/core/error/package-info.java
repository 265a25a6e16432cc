/**
 * LwM2M failures that have an answer on the wire: each subclass of {@link
 * org.lwm2m4j.core.error.LwM2mException} fixes its {@link org.lwm2m4j.core.error.ResponseCode}
 * (4.00, 4.04, …), so whoever turns an exception into a response needs no table of its own.
 */
package org.lwm2m4j.core.error;
