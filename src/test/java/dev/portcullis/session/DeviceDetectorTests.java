package dev.portcullis.session;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class DeviceDetectorTests {

	private final DeviceDetector detector = new DeviceDetector(
			new dev.portcullis.support.Offloader(new io.micrometer.core.instrument.simple.SimpleMeterRegistry()));

	@Test
	void chromeOnWindowsIsADesktop() {
		assertThat(this.detector.detect("Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 "
				+ "(KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36"))
			.isEqualTo(new Device("Chrome", "Windows", "desktop"));
	}

	@Test
	void safariOnIphoneIsMobile() {
		assertThat(this.detector.detect("Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 "
				+ "(KHTML, like Gecko) Version/17.4 Mobile/15E148 Safari/604.1"))
			.isEqualTo(new Device("Mobile Safari", "iOS", "mobile"));
	}

	@Test
	void firefoxOnLinuxIsADesktop() {
		assertThat(this.detector.detect("Mozilla/5.0 (X11; Linux x86_64; rv:125.0) Gecko/20100101 Firefox/125.0"))
			.isEqualTo(new Device("Firefox", "Linux", "desktop"));
	}

	@Test
	void safariOnIpadIsATablet() {
		assertThat(this.detector
			.detect("Mozilla/5.0 (iPad; CPU OS 16_6 like Mac OS X) AppleWebKit/605.1.15 "
					+ "(KHTML, like Gecko) Version/16.6 Mobile/15E148 Safari/604.1")
			.type()).isEqualTo("tablet");
	}

	@Test
	void chromeOnAndroidPhoneIsMobile() {
		assertThat(this.detector.detect("Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 "
				+ "(KHTML, like Gecko) Chrome/124.0.0.0 Mobile Safari/537.36"))
			.isEqualTo(new Device("Chrome Mobile", "Android", "mobile"));
	}

	@Test
	void crawlerIsABot() {
		assertThat(
				this.detector.detect("Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)").type())
			.isEqualTo("bot");
	}

	@Test
	void unrecognisedAgentIsUnknownWithNoFamilies() {
		assertThat(this.detector.detect("xyzzy")).isEqualTo(new Device(null, null, "unknown"));
	}

	@Test
	void missingAgentIsUnknown() {
		assertThat(this.detector.detect(null)).isEqualTo(Device.UNKNOWN);
		assertThat(this.detector.detect(" ")).isEqualTo(Device.UNKNOWN);
	}

	@Test
	void anUncachedAgentIsParsedOffTheEventLoopAndACachedOneIsNot() {
		String agent = "Mozilla/5.0 (X11; Linux x86_64; rv:126.0) Gecko/20100101 Firefox/126.0 "
				+ java.util.UUID.randomUUID();
		java.util.List<String> threads = new java.util.concurrent.CopyOnWriteArrayList<>();
		reactor.test.StepVerifier
			.create(reactor.core.publisher.Mono.defer(() -> this.detector.detectOffLoop(agent))
				.doOnNext((device) -> threads.add(Thread.currentThread().getName()))
				.subscribeOn(reactor.core.scheduler.Schedulers.parallel()))
			.assertNext((device) -> assertThat(device.browser()).isEqualTo("Firefox"))
			.verifyComplete();
		assertThat(threads).singleElement().asString().startsWith("portcullis-offload");
		assertThat(this.detector.detectOffLoop(agent).block()).isEqualTo(this.detector.detect(agent));
	}

}
