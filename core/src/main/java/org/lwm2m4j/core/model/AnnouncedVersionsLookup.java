package org.lwm2m4j.core.model;

import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;

/**
 * The models one client uses: the versions chosen for the objects it announced, and the
 * registry's newest for everything else. Immutable; built by {@link
 * ObjectModelRegistry#forVersions}.
 */
final class AnnouncedVersionsLookup implements ModelLookup {
  private final int[] ids;
  private final Optional<ObjectModel>[] chosen;
  private final ModelLookup fallback;

  @SuppressWarnings("unchecked")
  AnnouncedVersionsLookup(SortedMap<Integer, ObjectModel> chosenById, ModelLookup fallback) {
    this.ids = new int[chosenById.size()];
    this.chosen = (Optional<ObjectModel>[]) new Optional<?>[chosenById.size()];
    int i = 0;
    for (Map.Entry<Integer, ObjectModel> entry : chosenById.entrySet()) {
      ids[i] = entry.getKey();
      chosen[i] = Optional.of(entry.getValue());
      i++;
    }
    this.fallback = fallback;
  }

  @Override
  public Optional<ObjectModel> objectModel(int objectId) {
    int index = Arrays.binarySearch(ids, objectId);
    return index >= 0 ? chosen[index] : fallback.objectModel(objectId);
  }

  @Override
  public String toString() {
    StringBuilder text = new StringBuilder("ModelLookup[announced");
    for (Optional<ObjectModel> model : chosen) {
      ObjectModel m = model.orElseThrow();
      text.append(' ').append(m.id()).append('@').append(m.version());
    }
    return text.append(", others newest]").toString();
  }
}
