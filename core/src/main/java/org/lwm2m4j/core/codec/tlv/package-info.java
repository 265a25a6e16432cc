/**
 * The LwM2M TLV format (content format 11542): {@link org.lwm2m4j.core.codec.tlv.TlvCodec}, with
 * its package-private reader, writer, decoder and encoder.
 */
package org.lwm2m4j.core.codec.tlv;
