/**
 * The content formats that carry exactly one resource value: text/plain ({@link
 * org.lwm2m4j.core.codec.single.TextCodec}), opaque ({@link org.lwm2m4j.core.codec.single.OpaqueCodec})
 * and CBOR ({@link org.lwm2m4j.core.codec.single.CborValueCodec}), valid only for a single-instance
 * resource {@code /o/i/r} or one resource instance {@code /o/i/r/ri}. {@link
 * org.lwm2m4j.core.codec.single.TextValueParser} reads the plain-text spelling of a value on its own,
 * for the CLI and the client console.
 */
package org.lwm2m4j.core.codec.single;
