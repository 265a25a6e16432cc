/**
 * Typed resource values, one immutable record per resource type under the sealed {@link
 * org.lwm2m4j.core.value.Value} (String, Integer, Unsigned Integer, Float, Boolean, Opaque, Time,
 * Objlnk, Corelnk, none).
 */
package org.lwm2m4j.core.value;
