package dev.portcullis.support;

import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;
import reactor.blockhound.BlockHound;

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
							"_createAndCacheValueDeserializer"));
	}

}
