/**
 * The LwM2M 1.0 JSON format (content format 11543): {@link
 * org.lwm2m4j.core.codec.json.LwM2mJsonCodec}.
 */
package org.lwm2m4j.core.codec.json;
