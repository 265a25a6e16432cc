package org.lwm2m4j.client.dm;

import org.lwm2m4j.client.acl.Operation;

/**
 * What a DM server asks of the client, as the CoAP method, options and target tell it; each names
 * the operation access control judges it as (composites path by path with their plain counterpart).
 */
enum DmOperation {
  READ(Operation.READ),
  OBSERVE(Operation.OBSERVE),
  DISCOVER(Operation.DISCOVER),
  WRITE_ATTRIBUTES(Operation.WRITE_ATTRIBUTES),
  /** Write with PUT: replaces the target. */
  WRITE_REPLACE(Operation.WRITE),
  /** Write with POST: partial update of an instance or multiple resource. */
  WRITE_UPDATE(Operation.WRITE),
  CREATE(Operation.CREATE),
  EXECUTE(Operation.EXECUTE),
  DELETE(Operation.DELETE),
  READ_COMPOSITE(Operation.READ),
  OBSERVE_COMPOSITE(Operation.OBSERVE),
  WRITE_COMPOSITE(Operation.WRITE);

  private final Operation access;

  DmOperation(Operation access) {
    this.access = access;
  }

  /** The operation access control checks this one as. */
  Operation access() {
    return access;
  }
}
