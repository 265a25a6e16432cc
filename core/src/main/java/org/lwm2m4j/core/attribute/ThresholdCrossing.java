package org.lwm2m4j.core.attribute;

/**
 * What "the value crosses gt / lt" means. The spec text and its 1.0/1.1 examples read it in both
 * directions; the 1.2 Transport examples (and the Leshan client) only count a rise above gt and a
 * fall below lt. lwm2m4j uses {@link #BIDIRECTIONAL} unless told otherwise.
 */
public enum ThresholdCrossing {
  /** gt fires when {@code (old > gt) != (new > gt)}; lt when {@code (old < lt) != (new < lt)}. */
  BIDIRECTIONAL,
  /** gt fires when {@code old <= gt && new > gt}; lt when {@code old >= lt && new < lt}. */
  DIRECTIONAL;

  boolean crossesGt(double old, double current, double gt) {
    return this == BIDIRECTIONAL ? (old > gt) != (current > gt) : old <= gt && current > gt;
  }

  boolean crossesLt(double old, double current, double lt) {
    return this == BIDIRECTIONAL ? (old < lt) != (current < lt) : old >= lt && current < lt;
  }
}
