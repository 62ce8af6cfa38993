package dev.portcullis;

import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import org.springframework.modulith.core.ApplicationModules;
import org.springframework.modulith.docs.Documenter;

/**
 * The features' boundaries as Spring Modulith sees them: each top-level package is a
 * module whose API is its top-level package (plus named interfaces); anything in a
 * sub-package is internal to it.
 */
class ModularityTests {

	/** Main code only: test fixtures may reach into any module. */
	static final ApplicationModules MODULES = ApplicationModules.of(PortcullisApplication.class,
			new ImportOption.DoNotIncludeTests());

	@Test
	void modulesOnlyUseEachOthersApis() {
		MODULES.verify();
	}

	/**
	 * Writes the module diagrams and canvases to {@code target/spring-modulith-docs}; the
	 * committed copy in {@code docs/modules} is refreshed with
	 * {@code ./mvnw test -Dtest=ModularityTests -Dmodules.docs=docs/modules}.
	 */
	@Test
	void writesTheModuleDocumentation() {
		String folder = System.getProperty("modules.docs", "target/spring-modulith-docs");
		new Documenter(MODULES, Documenter.Options.defaults().withOutputFolder(folder)).writeModulesAsPlantUml()
			.writeIndividualModulesAsPlantUml()
			.writeModuleCanvases();
	}

}
