package org.lwm2m4j.core.codec;

import org.lwm2m4j.core.codec.standard.NodeCodecs;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.lwm2m4j.core.model.ResourceType;
import org.lwm2m4j.core.node.LwM2mNode;

/**
 * For every format, encode-then-decode gives back the same tree, for random trees of random
 * models at every level the format can carry.
 */
class RoundTripPropertiesTest {
  private final NodeCodecs codecs = NodeCodecs.standard();

  @Provide
  Arbitrary<RandomTrees.Case> anyLevel() {
    return Arbitraries.randomValue(RandomTrees::anyLevel);
  }

  @Provide
  Arbitrary<RandomTrees.Case> singleValue() {
    return Arbitraries.of(ResourceType.values())
        .filter(t -> t != ResourceType.NONE)
        .flatMap(type -> Arbitraries.randomValue(random -> RandomTrees.singleValue(random, type)));
  }

  @Provide
  Arbitrary<RandomTrees.Case> opaqueValue() {
    return Arbitraries.randomValue(random -> RandomTrees.singleValue(random, ResourceType.OPAQUE));
  }

  @Property(tries = 300)
  void tlvRoundTrips(@ForAll("anyLevel") RandomTrees.Case c) {
    assertRoundTrip(ContentFormat.TLV, c);
  }

  @Property(tries = 300)
  void senmlJsonRoundTrips(@ForAll("anyLevel") RandomTrees.Case c) {
    assertRoundTrip(ContentFormat.SENML_JSON, c);
  }

  @Property(tries = 300)
  void senmlCborRoundTrips(@ForAll("anyLevel") RandomTrees.Case c) {
    assertRoundTrip(ContentFormat.SENML_CBOR, c);
  }

  @Property(tries = 300)
  void lwm2mJsonRoundTrips(@ForAll("anyLevel") RandomTrees.Case c) {
    assertRoundTrip(ContentFormat.JSON, c);
  }

  @Property(tries = 300)
  void lwm2mCborRoundTrips(@ForAll("anyLevel") RandomTrees.Case c) {
    assertRoundTrip(ContentFormat.LWM2M_CBOR, c);
  }

  @Property(tries = 300)
  void textRoundTrips(@ForAll("singleValue") RandomTrees.Case c) {
    assertRoundTrip(ContentFormat.TEXT, c);
  }

  @Property(tries = 300)
  void cborValueRoundTrips(@ForAll("singleValue") RandomTrees.Case c) {
    assertRoundTrip(ContentFormat.CBOR, c);
  }

  @Property(tries = 100)
  void opaqueRoundTrips(@ForAll("opaqueValue") RandomTrees.Case c) {
    assertRoundTrip(ContentFormat.OPAQUE, c);
  }

  @Property(tries = 200)
  void senmlJsonCompositeRoundTrips(@ForAll("anyLevel") RandomTrees.Case c) {
    assertCompositeRoundTrip(ContentFormat.SENML_JSON, c);
  }

  @Property(tries = 200)
  void senmlCborCompositeRoundTrips(@ForAll("anyLevel") RandomTrees.Case c) {
    assertCompositeRoundTrip(ContentFormat.SENML_CBOR, c);
  }

  @Property(tries = 200)
  void lwm2mCborCompositeRoundTrips(@ForAll("anyLevel") RandomTrees.Case c) {
    assertCompositeRoundTrip(ContentFormat.LWM2M_CBOR, c);
  }

  private void assertRoundTrip(ContentFormat format, RandomTrees.Case c) {
    byte[] payload = codecs.encode(format, c.node(), c.path(), c.lookup());
    LwM2mNode decoded = codecs.decode(format, payload, c.path(), c.lookup());
    assertThat(decoded).as("%s round trip of %s", format, c).isEqualTo(c.node());
  }

  private void assertCompositeRoundTrip(ContentFormat format, RandomTrees.Case c) {
    CompositeCodec composite = codecs.composite(format).orElseThrow();
    Map<org.lwm2m4j.core.path.LwM2mPath, LwM2mNode> nodes = new LinkedHashMap<>();
    nodes.put(c.path(), c.node());
    byte[] payload = composite.encodeNodes(nodes, c.lookup());
    Map<org.lwm2m4j.core.path.LwM2mPath, LwM2mNode> decoded =
        composite.decodeNodes(payload, java.util.List.of(c.path()), c.lookup());
    assertThat(decoded).as("%s composite round trip of %s", format, c).isEqualTo(nodes);
  }
}
