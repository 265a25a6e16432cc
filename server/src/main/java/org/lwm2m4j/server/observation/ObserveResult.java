package org.lwm2m4j.server.observation;

import java.util.Map;
import java.util.Objects;
import org.lwm2m4j.core.codec.ContentFormat;
import org.lwm2m4j.core.node.LwM2mNode;
import org.lwm2m4j.core.path.LwM2mPath;

/**
 * The answer to an Observe: the observation now held, the current content it returned, and the
 * content format that content travelled in (what the device answered with, else what was asked).
 */
public record ObserveResult(Observation observation, Map<LwM2mPath, LwM2mNode> content, ContentFormat contentFormat) {
  public ObserveResult {
    Objects.requireNonNull(observation, "observation");
    content = Map.copyOf(content);
    Objects.requireNonNull(contentFormat, "contentFormat");
  }

  /** An answer in the format the observation asked for (SenML CBOR if it asked for none). */
  public ObserveResult(Observation observation, Map<LwM2mPath, LwM2mNode> content) {
    this(observation, content, ObservationService.askedFormat(observation));
  }
}
