/**
 * Firmware updates driven from the server: {@link
 * org.lwm2m4j.server.firmware.FirmwareUpdateService} runs one {@code FirmwareUpdateJob} per device
 * (push or pull) over the device API and observations, keeps images in a {@link
 * org.lwm2m4j.server.firmware.FirmwareRepository}, serves pull downloads on {@code /fw} and keeps
 * job statuses in a {@link org.lwm2m4j.server.firmware.FirmwareJobStore} so they survive a
 * restart.
 */
package org.lwm2m4j.server.firmware;
