package org.lwm2m4j.client.bootstrap;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.lwm2m4j.client.bootstrap.smartcard.SmartcardBootstrap;
import org.lwm2m4j.client.bootstrap.smartcard.SmartcardBootstrapReader;
import org.lwm2m4j.client.bootstrap.smartcard.SmartcardException;
import org.lwm2m4j.client.object.ObjectTree;
import org.lwm2m4j.client.registration.RegistrationListener;
import org.lwm2m4j.core.node.LwM2mObjectInstance;
import org.lwm2m4j.core.path.LwM2mPath;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Bootstrap from smartcard: the card's Security and Server instances replace the client's accounts
 * at start (the first step of the client's bootstrap sequence), and before each Register and Update
 * the card is checked again — removed, and what came from it is deleted; changed, and the new
 * content is applied (interfaces.md §1.2).
 */
public final class SmartcardProvisioning implements RegistrationListener {
  private static final Logger LOG = LoggerFactory.getLogger(SmartcardProvisioning.class);

  private final ObjectTree tree;
  private final Optional<String> reader;
  private volatile Optional<SmartcardBootstrap> applied = Optional.empty();

  public SmartcardProvisioning(ObjectTree tree, Optional<String> reader) {
    this.tree = tree;
    this.reader = reader;
  }

  /** Reads the card and applies it; false if there is no card with bootstrap data. */
  public boolean applyAtStart() {
    try {
      Optional<SmartcardBootstrap> card = SmartcardBootstrapReader.read(reader, tree);
      card.ifPresent(this::apply);
      return card.isPresent();
    } catch (SmartcardException e) {
      LOG.warn("cannot bootstrap from the smartcard: {}", e.getMessage());
      return false;
    }
  }

  private void apply(SmartcardBootstrap card) {
    for (int objectId : List.of(0, 1)) {
      for (int instanceId : tree.instanceIds(objectId)) {
        tree.bootstrapView().delete(LwM2mPath.of(objectId, instanceId));
      }
    }
    for (Map.Entry<LwM2mPath, LwM2mObjectInstance> entry : card.instances().entrySet()) {
      LwM2mPath path = entry.getKey();
      tree.bootstrapView().create(path.objectId(), OptionalInt.of(path.instanceId()), entry.getValue().resources());
    }
    applied = Optional.of(card);
    LOG.info("bootstrapped from the smartcard in {}: {}", card.readerName(), card.instances().keySet());
  }

  @Override
  public void registered(int shortServerId, String location) {
    recheck();
  }

  @Override
  public void updated(int shortServerId) {
    recheck();
  }

  /** The card must still hold what was applied; else its accounts go (removed) or are replaced (changed). */
  void recheck() {
    Optional<SmartcardBootstrap> current = applied;
    if (current.isEmpty()) {
      return;
    }
    try {
      Optional<byte[]> hash = SmartcardBootstrapReader.currentHash(reader);
      if (hash.isEmpty()) {
        LOG.warn("the smartcard was removed: deleting the accounts that came from it");
        for (LwM2mPath path : current.get().instances().keySet()) {
          if (tree.instance(path.objectId(), path.instanceId()).isPresent()) {
            tree.bootstrapView().delete(path);
          }
        }
        applied = Optional.empty();
      } else if (!Arrays.equals(hash.get(), current.get().fileHash())) {
        LOG.info("the smartcard's bootstrap data changed: applying the new data");
        SmartcardBootstrapReader.read(reader, tree).ifPresent(this::apply);
      }
    } catch (SmartcardException e) {
      LOG.warn("cannot check the smartcard: {}", e.getMessage());
    }
  }
}
