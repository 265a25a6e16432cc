package org.lwm2m4j.server.security;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.util.Optional;
import org.lwm2m4j.core.error.ForbiddenException;
import org.lwm2m4j.core.error.InvalidRequestException;
import org.lwm2m4j.transport.dtls.PskIdentity;

/**
 * Whatever endpoint names and PSK identities arrive, the authorizer answers with a name or a 4.03,
 * and never lets an identity register as an endpoint whose credentials are not its own.
 */
public class RegistrationAuthorizerFuzzTest {
  @FuzzTest(maxDuration = "2s")
  void onlyMatchingIdentitiesRegister(FuzzedDataProvider data) {
    InMemorySecurityStore store = new InMemorySecurityStore();
    String owner = data.consumeString(20);
    String identity = data.consumeString(20);
    try {
      store.put(new PskSecurity(owner, identity, new byte[] {1, 2, 3, 4}));
    } catch (InvalidRequestException invalid) {
      return;
    }
    RegistrationAuthorizer authorizer = new RegistrationAuthorizer(store, data.consumeBoolean() ? UnsecuredPolicy.ALLOW : UnsecuredPolicy.DENY);
    String claimed = data.consumeString(20);
    String presented = data.consumeRemainingAsString();
    try {
      String endpoint = authorizer.authorizeRegister(claimed.isEmpty() ? Optional.empty() : Optional.of(claimed),
          Optional.of(new PskIdentity(presented)));
      if (!endpoint.equals(owner) || !presented.equals(identity)) {
        throw new AssertionError("'" + presented + "' registered as '" + endpoint + "', which belongs to '" + identity + "'");
      }
    } catch (ForbiddenException refused) {
      // refused, as it should be unless everything matched
    }
  }
}
