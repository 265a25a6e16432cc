/**
 * The content formats of LwM2M payloads: {@link org.lwm2m4j.core.codec.standard.NodeCodecs} picks the
 * {@link org.lwm2m4j.core.codec.NodeCodec} (and {@link org.lwm2m4j.core.codec.CompositeCodec}) for
 * a {@link org.lwm2m4j.core.codec.ContentFormat}; the pieces every format shares live here (strict
 * CBOR and UTF-8 reading, numeric typing by the model, flattening and assembling nodes), the
 * formats themselves in the sub-packages. Every decoder fails only with {@link
 * org.lwm2m4j.core.codec.CodecException}.
 */
package org.lwm2m4j.core.codec;
