/**
 * CoRE Link Format (RFC 6690, content format 40) as LwM2M uses it in Register and Update payloads,
 * Discover and Bootstrap-Discover responses and Corelnk values: the {@link
 * org.lwm2m4j.core.link.Link} and {@link org.lwm2m4j.core.link.LinkAttribute} values, {@link
 * org.lwm2m4j.core.link.LinkFormatParser} and {@link org.lwm2m4j.core.link.LinkFormatWriter}.
 */
package org.lwm2m4j.core.link;
