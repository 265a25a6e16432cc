package org.lwm2m4j.core.codec;

import org.lwm2m4j.core.model.ModelLookup;
import org.lwm2m4j.core.node.LwM2mNode;
import org.lwm2m4j.core.path.LwM2mPath;

/**
 * Encodes and decodes the node at one path in one content format. The node's level follows the
 * path: {@code /o} ↔ {@link org.lwm2m4j.core.node.LwM2mObject}, {@code /o/i} ↔ {@link
 * org.lwm2m4j.core.node.LwM2mObjectInstance}, {@code /o/i/r} ↔ {@link
 * org.lwm2m4j.core.node.LwM2mResource} (single or multiple as the model says), {@code /o/i/r/ri} ↔
 * {@link org.lwm2m4j.core.node.LwM2mResourceInstance}.
 *
 * <p>Implementations are stateless and thread-safe pure functions: no I/O, no shared mutable
 * state. Decoders check every declared length against what is left before allocating and throw
 * only {@link CodecException} on bad input, never an unchecked exception of another kind.
 */
public interface NodeCodec {
  /** The format this codec reads and writes. */
  ContentFormat format();

  /** Whether this format can carry a node at {@code path} (text/plain cannot carry an object instance, …). */
  boolean supports(LwM2mPath path);

  /**
   * Encodes {@code node}, which lives at {@code path}. Values are converted to the model's type
   * where the conversion is exact (an Integer 3 for a Float resource is written as 3.0).
   *
   * @throws CodecException if the node cannot be represented (wrong level, unknown resource, an
   *     executable resource, a value the model's type cannot hold)
   */
  byte[] encode(LwM2mNode node, LwM2mPath path, ModelLookup models);

  /**
   * Decodes the node at {@code path} from {@code payload}, typing values by the model.
   *
   * @throws CodecException if the payload is malformed, names resources the model lacks or
   *     outside {@code path}, repeats a resource, or holds a value of the wrong type
   */
  LwM2mNode decode(byte[] payload, LwM2mPath path, ModelLookup models);
}
