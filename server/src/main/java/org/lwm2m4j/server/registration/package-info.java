/**
 * The Client Registration interface: {@link org.lwm2m4j.server.registration.RegistrationService}
 * (Register, Update, De-register, lifetime expiry) over a {@link
 * org.lwm2m4j.server.registration.RegistrationStore}, with {@link
 * org.lwm2m4j.server.registration.RegistrationHandler} as its CoAP face on {@code /rd} and {@link
 * org.lwm2m4j.server.registration.RegistrationRequestParser} checking what clients send.
 */
package org.lwm2m4j.server.registration;
