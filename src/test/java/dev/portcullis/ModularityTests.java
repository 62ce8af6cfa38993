package dev.portcullis;

import org.junit.jupiter.api.Test;

import org.springframework.modulith.core.ApplicationModules;
import org.springframework.modulith.docs.Documenter;

/**
 * The features' boundaries as Spring Modulith sees them: each top-level package is a
 * module whose API is its top-level package (plus named interfaces); anything in a
 * sub-package is internal to it.
 */
class ModularityTests {

	static final ApplicationModules MODULES = ApplicationModules.of(PortcullisApplication.class);

	@Test
	void modulesOnlyUseEachOthersApis() {
		MODULES.verify();
	}

	@Test
	void writesTheModuleDocumentation() {
		new Documenter(MODULES, Documenter.Options.defaults().withOutputFolder("docs/modules")).writeModulesAsPlantUml()
			.writeIndividualModulesAsPlantUml()
			.writeModuleCanvases();
	}

}
