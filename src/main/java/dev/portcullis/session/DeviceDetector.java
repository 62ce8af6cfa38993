package dev.portcullis.session;

import java.util.Set;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import reactor.core.publisher.Mono;
import ua_parser.Client;
import ua_parser.Parser;

import org.springframework.stereotype.Component;

import dev.portcullis.support.Offloader;

/**
 * Reads browser, operating system and device type from a {@code User-Agent} with the
 * maintained uap-core rules (uap-java). Only the library's families are mapped to a
 * {@link Device#type()}: a {@code Spider} device is a bot, iPad and Kindle-like families
 * are tablets, phone operating systems are mobile, desktop operating systems are desktop,
 * and anything else is unknown. Results are cached because the rule set is a long list of
 * regular expressions and clients repeat the same agent.
 */
@Component
class DeviceDetector {

	private static final String OTHER = "Other";

	private static final Set<String> MOBILE_OS = Set.of("iOS", "Android", "Windows Phone", "BlackBerry OS",
			"BlackBerry Tablet OS", "KaiOS", "Firefox OS", "Symbian OS", "Tizen", "HarmonyOS", "Sailfish");

	private static final Set<String> DESKTOP_OS = Set.of("Windows", "Mac OS X", "Linux", "Ubuntu", "Fedora", "Debian",
			"Red Hat", "SUSE", "openSUSE", "Linux Mint", "Arch Linux", "Gentoo", "Chrome OS", "FreeBSD", "OpenBSD",
			"NetBSD", "Solaris");

	private static final Set<String> TABLET_DEVICES = Set.of("iPad", "Kindle", "Kindle Fire", "Generic Tablet");

	private final Parser parser = new Parser();

	private final Cache<String, Device> cache = Caffeine.newBuilder().maximumSize(10_000).build();

	private final Offloader offloader;

	DeviceDetector(Offloader offloader) {
		this.offloader = offloader;
	}

	/**
	 * As {@link #detect}, but an agent not in the cache is parsed on the offload pool:
	 * the rule set is hundreds of regular expressions, and a client that sends a new
	 * agent on every request must not make the event loop run them.
	 */
	Mono<Device> detectOffLoop(String userAgent) {
		Device cached = (userAgent != null) ? this.cache.getIfPresent(userAgent) : null;
		if (cached != null || userAgent == null || userAgent.isBlank()) {
			return Mono.just((cached != null) ? cached : Device.UNKNOWN);
		}
		return this.offloader.call(() -> detect(userAgent));
	}

	Device detect(String userAgent) {
		if (userAgent == null || userAgent.isBlank()) {
			return Device.UNKNOWN;
		}
		return this.cache.get(userAgent, (agent) -> toDevice(this.parser.parse(agent)));
	}

	private static Device toDevice(Client client) {
		return new Device(family(client.userAgent.family), family(client.os.family), type(client));
	}

	private static String type(Client client) {
		String device = client.device.family;
		String os = client.os.family;
		if ("Spider".equals(device)) {
			return "bot";
		}
		if (TABLET_DEVICES.contains(device) || "BlackBerry Tablet OS".equals(os)) {
			return "tablet";
		}
		if (MOBILE_OS.contains(os) || "iPhone".equals(device) || "iPod".equals(device)) {
			return "mobile";
		}
		if (DESKTOP_OS.contains(os)) {
			return "desktop";
		}
		return "unknown";
	}

	private static String family(String family) {
		return (family == null || OTHER.equals(family)) ? null : family;
	}

}
