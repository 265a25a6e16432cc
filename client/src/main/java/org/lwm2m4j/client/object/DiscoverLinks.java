package org.lwm2m4j.client.object;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.lwm2m4j.core.error.MethodNotAllowedException;
import org.lwm2m4j.core.error.NotFoundException;
import org.lwm2m4j.core.link.Link;
import org.lwm2m4j.core.link.LinkAttribute;
import org.lwm2m4j.core.model.ResourceModel;
import org.lwm2m4j.core.node.LwM2mResource;
import org.lwm2m4j.core.node.LwM2mResourceInstance;
import org.lwm2m4j.core.node.MultipleResource;
import org.lwm2m4j.core.path.LwM2mPath;

/**
 * The answer to a DM Discover: the object with {@code ver} where the client's version does not
 * imply it, its instances, their resources (executable ones too, though they hold no value) with
 * {@code dim} on multiple resources, and the attributes assigned at each level. Used under the
 * tree's lock, once per request.
 */
final class DiscoverLinks {
  private final ObjectTree tree;
  private final Function<LwM2mPath, List<LinkAttribute>> attributes;

  DiscoverLinks(ObjectTree tree, Function<LwM2mPath, List<LinkAttribute>> attributes) {
    this.tree = tree;
    this.attributes = attributes;
  }

  List<Link> under(LwM2mPath path) {
    if (path.isRoot()) {
      throw new MethodNotAllowedException("Discover of / is not allowed");
    }
    ObjectEntry entry = tree.entry(path);
    List<Link> links = new ArrayList<>();
    if (path.isObject()) {
      List<LinkAttribute> objectAttributes = new ArrayList<>();
      if (!tree.versionImplied(entry.model)) {
        objectAttributes.add(LinkAttribute.of("ver", entry.model.version().toString()));
      }
      objectAttributes.addAll(attributes.apply(path));
      links.add(Link.of(path, objectAttributes.toArray(new LinkAttribute[0])));
      for (InstanceEnabler instance : entry.instances.values()) {
        addInstanceLinks(entry, instance, links);
      }
      return links;
    }
    InstanceEnabler instance = entry.instance(path);
    if (path.isObjectInstance()) {
      addInstanceLinks(entry, instance, links);
      return links;
    }
    ResourceModel model = entry.resourceModel(path);
    Optional<LwM2mResource> present = instance.resource(model.id());
    // Executable resources hold no value but exist by the model (the instance's Discover lists them).
    if (present.isEmpty() && !(path.isResource() && model.operations().isExecutable())) {
      throw new NotFoundException("no resource " + path);
    }
    if (path.isResourceInstance()) {
      throw new MethodNotAllowedException("Discover of a resource instance is not allowed");
    }
    if (present.isEmpty()) {
      links.add(plain(path));
      return links;
    }
    LwM2mResource resource = present.get();
    links.add(resourceLink(path, resource));
    if (resource instanceof MultipleResource multiple) {
      for (LwM2mResourceInstance ri : multiple.instances()) {
        links.add(plain(path.append(ri.id())));
      }
    }
    return links;
  }

  private void addInstanceLinks(ObjectEntry entry, InstanceEnabler instance, List<Link> links) {
    LwM2mPath instancePath = LwM2mPath.of(entry.model.id(), instance.id());
    links.add(plain(instancePath));
    Map<Integer, LwM2mResource> present = new HashMap<>();
    instance.resources().forEach(r -> present.put(r.id(), r));
    for (ResourceModel model : entry.model.resources()) {
      LwM2mPath resourcePath = instancePath.append(model.id());
      if (present.containsKey(model.id())) {
        links.add(resourceLink(resourcePath, present.get(model.id())));
      } else if (model.operations().isExecutable()) {
        links.add(plain(resourcePath));
      }
    }
  }

  private Link plain(LwM2mPath path) {
    return Link.of(path, attributes.apply(path).toArray(new LinkAttribute[0]));
  }

  private Link resourceLink(LwM2mPath path, LwM2mResource resource) {
    List<LinkAttribute> list = new ArrayList<>();
    if (resource instanceof MultipleResource multiple) {
      list.add(LinkAttribute.of("dim", Integer.toString(multiple.instances().size())));
    }
    list.addAll(attributes.apply(path));
    return Link.of(path, list.toArray(new LinkAttribute[0]));
  }
}
