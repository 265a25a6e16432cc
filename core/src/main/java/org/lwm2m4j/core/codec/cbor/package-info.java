/**
 * LwM2M CBOR (content format 11544, LwM2M 1.2), a map keyed by path segments: {@link
 * org.lwm2m4j.core.codec.cbor.LwM2mCborCodec}.
 */
package org.lwm2m4j.core.codec.cbor;
