package org.lwm2m4j.client.security;

import java.util.List;
import org.lwm2m4j.core.error.InvalidRequestException;
import org.lwm2m4j.core.node.LwM2mNode;
import org.lwm2m4j.core.node.LwM2mObject;
import org.lwm2m4j.core.node.LwM2mObjectInstance;
import org.lwm2m4j.core.node.LwM2mResource;
import org.lwm2m4j.core.node.SingleResource;
import org.lwm2m4j.core.path.LwM2mPath;
import org.lwm2m4j.core.value.IntegerValue;

/**
 * The Security object's SMS Security Mode ({@code /0/x/6}): this client supports 3, NoSec, only.
 * 1 (DTLS over SMS) and 2 (Secure Packet Structure, on the smartcard) are refused, wherever they
 * come from — the builder, a saved or factory configuration, a Bootstrap-Server — with a message
 * naming the resource, rather than SMS going out unprotected when protection was asked for.
 */
public final class SmsSecurityMode {
  /** NoSec: the one mode supported. */
  public static final int NO_SEC = 3;

  private SmsSecurityMode() {}

  /** Why {@code mode}, found at {@code path}, is refused. */
  public static String refusal(LwM2mPath path, long mode) {
    String name = switch ((int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, mode))) {
      case 1 -> " (DTLS)";
      case 2 -> " (Secure Packet Structure)";
      default -> "";
    };
    return "SMS Security Mode (" + path + ") " + mode + name + " is not supported: this client supports only "
        + NO_SEC + " (NoSec)";
  }

  /**
   * Checks what a Bootstrap-Server writes at {@code path}: an SMS Security Mode in it other than
   * NoSec is refused.
   *
   * @throws InvalidRequestException (4.00) naming the resource and the mode
   */
  public static void checkWrite(LwM2mPath path, LwM2mNode node) {
    if (path.isRoot() || path.objectId() != 0) {
      return;
    }
    if (node instanceof LwM2mObject object) {
      object.instances().forEach(instance -> checkInstance(instance.id(), instance.resources()));
    } else if (node instanceof LwM2mObjectInstance instance) {
      checkInstance(path.instanceId(), instance.resources());
    } else if (node instanceof LwM2mResource resource && path.isResource()) {
      checkInstance(path.instanceId(), List.of(resource));
    }
  }

  private static void checkInstance(int instanceId, List<LwM2mResource> resources) {
    for (LwM2mResource resource : resources) {
      if (resource.id() == 6 && resource instanceof SingleResource single && single.value() instanceof IntegerValue mode
          && mode.value() != NO_SEC) {
        throw new InvalidRequestException(refusal(LwM2mPath.of(0, instanceId, 6), mode.value()));
      }
    }
  }
}
