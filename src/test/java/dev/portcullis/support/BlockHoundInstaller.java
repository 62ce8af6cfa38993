package dev.portcullis.support;

import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;
import reactor.blockhound.BlockHound;

import org.springframework.boot.micrometer.tracing.opentelemetry.autoconfigure.OpenTelemetryEventPublisherBeansApplicationListener;

/**
 * Installs BlockHound for the whole test JVM before any test runs, so every blocking call
 * made on a non-blocking thread (Netty event loops, Reactor's parallel scheduler) fails
 * the test that caused it.
 *
 * <p>
 * Allowances: {@code SecureRandom} on Linux reads {@code /dev/urandom}, which never
 * blocks once the kernel pool is initialised; BlockHound sees a file read and would flag
 * every UUID, nonce and ECDSA signature. Lettuce's per-connection {@code SharedLock} (see
 * below).
 *
 * <p>
 * Added to BlockHound's list: the JDK's name-service lookup behind
 * {@code InetAddress.getByName}, so a DNS query on an event loop fails the test (JDK 17
 * and JDK 21+ signatures).
 */
public class BlockHoundInstaller implements LauncherSessionListener {

	@Override
	public void launcherSessionOpened(LauncherSession session) {
		BlockHound.install(
				(builder) -> builder.allowBlockingCallsInside("sun.security.provider.NativePRNG$RandomIO", "readFully")
					// Lettuce guards each connection's writers with a short ReentrantLock
					// section. When
					// BlockHound throws out of it on contention, the lock's writer count
					// is left behind
					// and every later write on that connection spins forever on an event
					// loop.
					.allowBlockingCallsInside("io.lettuce.core.protocol.SharedLock", "incrementWriters")
					.allowBlockingCallsInside("io.lettuce.core.protocol.SharedLock", "lockWritersExclusive")
					.allowBlockingCallsInside("io.lettuce.core.protocol.SharedLock", "doExclusive")
					// Jackson builds a type's deserializer once, under a short lock; two
					// first requests for one type on a fresh instance contend on it.
					.allowBlockingCallsInside("tools.jackson.databind.deser.DeserializerCache",
							"_createAndCacheValueDeserializer")
					.markAsBlocking("java.net.InetAddress", "getAddressesFromNameService",
							"(Ljava/lang/String;Ljava/net/InetAddress;)[Ljava/net/InetAddress;")
					.markAsBlocking("java.net.InetAddress", "getAddressesFromNameService",
							"(Ljava/lang/String;)[Ljava/net/InetAddress;"));

		// OpenTelemetry finds its context storage with a ServiceLoader (jar reads, class
		// loading under a lock) the first time a span's context is looked up: on an event
		// loop that is a blocking call, and a static initialiser that fails leaves the
		// class unusable for the JVM. Done here on the main thread, after adding Boot's
		// wrapper (which puts trace ids in the MDC) exactly as Boot does when an
		// application starts.
		OpenTelemetryEventPublisherBeansApplicationListener.addWrapper();
		io.opentelemetry.context.Context.current();
	}

}
