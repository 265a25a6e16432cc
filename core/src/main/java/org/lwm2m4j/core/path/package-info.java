/**
 * LwM2M paths ({@code /}, {@code /o}, {@code /o/i}, {@code /o/i/r}, {@code /o/i/r/ri}): the
 * immutable {@link org.lwm2m4j.core.path.LwM2mPath}, parsed and checked, and {@link
 * org.lwm2m4j.core.path.InvalidPathException} (4.00).
 */
package org.lwm2m4j.core.path;
