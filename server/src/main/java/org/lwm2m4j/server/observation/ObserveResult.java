package org.lwm2m4j.server.observation;

import java.util.Map;
import java.util.Objects;
import org.lwm2m4j.core.node.LwM2mNode;
import org.lwm2m4j.core.path.LwM2mPath;

/** The answer to an Observe: the observation now held, and the current content it returned. */
public record ObserveResult(Observation observation, Map<LwM2mPath, LwM2mNode> content) {
  public ObserveResult {
    Objects.requireNonNull(observation, "observation");
    content = Map.copyOf(content);
  }
}
