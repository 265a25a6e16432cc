package org.lwm2m4j.core.attribute;

import org.lwm2m4j.core.error.InvalidRequestException;
import org.lwm2m4j.core.model.ResourceModel;
import org.lwm2m4j.core.model.ResourceType;
import org.lwm2m4j.core.path.LwM2mPath;

/** The Write-Attributes validity rules of the spec, each failing with 4.00 and naming the attribute. */
final class AssignmentRules {
  private AssignmentRules() {}

  static void checkLevel(NotificationAttributes attributes, LwM2mPath level) {
    if (attributes.isEmpty()) {
      return;
    }
    if (level.isRoot()) {
      throw new InvalidRequestException("attribute '" + first(attributes).linkName() + "' cannot be assigned to the root path");
    }
    if (level.depth() < 3) {
      for (NotificationAttribute attribute : attributes.names()) {
        if (attribute.isResourceLevelOnly()) {
          throw new InvalidRequestException("attribute '" + attribute.linkName()
              + "' can only be assigned to a resource or resource instance, not to " + level);
        }
      }
    }
  }

  static void checkCombination(NotificationAttributes attributes) {
    if (attributes.lt().isPresent() && attributes.gt().isPresent()) {
      double lt = attributes.lt().getAsDouble();
      double gt = attributes.gt().getAsDouble();
      if (lt >= gt) {
        throw new InvalidRequestException("attribute 'lt' (" + text(attributes, NotificationAttribute.LT)
            + ") must be less than 'gt' (" + text(attributes, NotificationAttribute.GT) + ")");
      }
      double st = attributes.st().orElse(0);
      if (lt + 2 * st >= gt) {
        throw new InvalidRequestException("attribute 'st' (" + text(attributes, NotificationAttribute.ST)
            + ") is too large: lt + 2*st must be less than gt");
      }
    }
    if (attributes.epmin().isPresent() && attributes.epmax().isPresent()
        && attributes.epmin().getAsLong() >= attributes.epmax().getAsLong()) {
      throw new InvalidRequestException("attribute 'epmin' (" + text(attributes, NotificationAttribute.EPMIN)
          + ") must be less than 'epmax' (" + text(attributes, NotificationAttribute.EPMAX) + ")");
    }
  }

  static void checkResource(NotificationAttributes attributes, LwM2mPath level, ResourceModel resource) {
    if (attributes.isEmpty()) {
      return;
    }
    if (!resource.operations().isReadable()) {
      throw new InvalidRequestException("attribute '" + first(attributes).linkName() + "' needs a readable resource, "
          + level + " is not readable");
    }
    if (level.isResourceInstance() && !resource.multiple()) {
      throw new InvalidRequestException("attribute '" + first(attributes).linkName() + "' cannot be assigned to "
          + level + ": resource " + resource.id() + " has no instances");
    }
    for (NotificationAttribute attribute : attributes.names()) {
      if ((attribute == NotificationAttribute.GT || attribute == NotificationAttribute.LT
          || attribute == NotificationAttribute.ST) && !isThresholdType(resource.type())) {
        throw new InvalidRequestException("attribute '" + attribute.linkName() + "' needs an Integer, Unsigned Integer"
            + " or Float resource, " + level + " is " + resource.type().ddfName());
      }
      if (attribute == NotificationAttribute.EDGE && resource.type() != ResourceType.BOOLEAN) {
        throw new InvalidRequestException("attribute 'edge' needs a Boolean resource, " + level + " is "
            + resource.type().ddfName());
      }
    }
  }

  /** gt/lt/st apply to these types only; Time is numeric on the wire but excluded by the spec. */
  static boolean isThresholdType(ResourceType type) {
    return type == ResourceType.INTEGER || type == ResourceType.UNSIGNED_INTEGER || type == ResourceType.FLOAT;
  }

  private static NotificationAttribute first(NotificationAttributes attributes) {
    return attributes.names().iterator().next();
  }

  private static String text(NotificationAttributes attributes, NotificationAttribute attribute) {
    return attributes.text(attribute).orElse("0");
  }
}
