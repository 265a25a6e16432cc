package org.lwm2m4j.server.send;

import java.util.List;
import org.lwm2m4j.core.node.TimestampedNode;
import org.lwm2m4j.server.registration.Registration;

/** Told about data a client pushed with Send ({@code POST /dp}), on an event thread, in arrival order. */
@FunctionalInterface
public interface SendListener {
  /** @param values one entry per (time, resource or resource-instance path), oldest first */
  void sent(Registration registration, List<TimestampedNode> values);
}
