/**
 * Every content format in one place: {@link org.lwm2m4j.core.codec.standard.NodeCodecs#standard()}
 * picks the codec for a format and a target (single value, composite, timestamped). It sits above
 * the format packages, which share only {@code org.lwm2m4j.core.codec}.
 */
package org.lwm2m4j.core.codec.standard;
