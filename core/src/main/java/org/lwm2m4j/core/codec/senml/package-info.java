/**
 * SenML JSON (110) and SenML CBOR (112), single-path and composite: {@link
 * org.lwm2m4j.core.codec.senml.SenmlJsonCodec} and {@link
 * org.lwm2m4j.core.codec.senml.SenmlCborCodec} on the shared record rules of {@code SenmlCodec}
 * (base names, times, typed values).
 */
package org.lwm2m4j.core.codec.senml;
