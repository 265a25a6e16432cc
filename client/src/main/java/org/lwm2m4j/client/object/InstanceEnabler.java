package org.lwm2m4j.client.object;

import java.util.List;
import java.util.Optional;
import org.lwm2m4j.core.node.LwM2mResource;

/**
 * One object instance on the client: what the server reads, writes and executes. The {@link
 * ObjectTree} has already checked each request against the object model (the resource exists, is
 * readable / writable / executable, the value has the right type) before calling here, so an
 * enabler only adds what its object means: live values, side effects, refusals.
 *
 * <p>Most enablers extend {@link StoredInstance}, which keeps written values and lets subclasses
 * override single resources. Methods are called under the tree's lock, one at a time.
 */
public interface InstanceEnabler {
  /** The instance id. */
  int id();

  /** The resources present now, with their current values, sorted by id (executable ones excluded). */
  List<LwM2mResource> resources();

  /** One resource's current value, if present. */
  Optional<LwM2mResource> resource(int resourceId);

  /**
   * Sets a resource (replacing a multiple resource's instances as given).
   *
   * @throws org.lwm2m4j.core.error.LwM2mException to refuse, e.g. a value out of range (4.00)
   */
  void write(LwM2mResource resource);

  /** Removes an optional resource (a replacing Write that does not mention it). */
  void remove(int resourceId);

  /**
   * Executes a resource with its (already syntax-checked) arguments. Disruptive actions should
   * be deferred so the 2.04 goes out first.
   *
   * @throws org.lwm2m4j.core.error.LwM2mException to refuse (4.05 if this instance does not implement it)
   */
  void execute(int resourceId, String arguments);

  /** Called by the tree so the enabler can report values that change by themselves. */
  void attach(ResourceChangeListener listener);
}
