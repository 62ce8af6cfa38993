package dev.portcullis.session;

/**
 * What a session's user agent says about the device: {@code type} is one of
 * {@code desktop, mobile, tablet, bot, unknown}.
 */
public record Device(String browser, String os, String type) {

	public static final Device UNKNOWN = new Device(null, null, "unknown");

}
