/**
 * Bootstrap from smartcard over PC/SC ({@code javax.smartcardio}): {@link
 * org.lwm2m4j.client.bootstrap.smartcard.SmartcardBootstrapReader} finds the card and reads the
 * {@link org.lwm2m4j.client.bootstrap.smartcard.BootstrapCardFile} laid out as in {@code
 * docs/smartcard.md}.
 */
package org.lwm2m4j.client.bootstrap.smartcard;
