package dev.portcullis;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The package-by-feature boundaries and the non-blocking rule, checked on every build.
 */
class ArchitectureTests {

	static final JavaClasses MAIN = new ClassFileImporter()
		.withImportOption((location) -> !location.contains("/test-classes/"))
		.importPackages("dev.portcullis");

	@Test
	void featuresDoNotDependOnEachOtherInCycles() {
		slices().matching("dev.portcullis.(*)..").should().beFreeOfCycles().check(MAIN);
	}

	@Test
	void theSharedKernelDependsOnNoFeature() {
		noClasses().that()
			.resideInAnyPackage("dev.portcullis.support..", "dev.portcullis.crypto..")
			.should()
			.dependOnClassesThat()
			.resideInAnyPackage("dev.portcullis.account..", "dev.portcullis.session..", "dev.portcullis.token..",
					"dev.portcullis.audit..", "dev.portcullis.web..", "dev.portcullis.mfa..", "dev.portcullis.email..",
					"dev.portcullis.ratelimit..", "dev.portcullis.admin..")
			.check(MAIN);
	}

	@Test
	void onlyTheWebLayerKnowsTheSecurityFilterChain() {
		noClasses().that()
			.resideOutsideOfPackage("dev.portcullis.web..")
			.should()
			.dependOnClassesThat()
			.resideInAPackage("dev.portcullis.web")
			.check(MAIN);
	}

	/**
	 * One exception: {@code crypto.KeyringCheck} waits, once, on the starting thread
	 * before the web server starts, so that an instance whose keyring lacks a key that
	 * stored values need refuses to start instead of serving failures.
	 */
	@Test
	void mainCodeNeverBlocksOnAPublisher() {
		noClasses().that()
			.doNotHaveFullyQualifiedName("dev.portcullis.crypto.KeyringCheck")
			.should()
			.callMethodWhere(com.tngtech.archunit.base.DescribedPredicate.describe("a block* method of Mono or Flux",
					(call) -> (call.getTargetOwner().isEquivalentTo(Mono.class)
							|| call.getTargetOwner().isEquivalentTo(Flux.class)) && call.getName().startsWith("block")))
			.check(MAIN);
	}

}
