package dev.portcullis;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.scheduling.annotation.EnableScheduling;

import dev.portcullis.operations.MigrateOnly;

/** Portcullis: a reactive authentication gateway and token authority. */
@SpringBootApplication
@ConfigurationPropertiesScan
@EnableScheduling
public class PortcullisApplication {

	public static void main(String[] args) {
		if (MigrateOnly.requested(args)) {
			MigrateOnly.run(args);
			return;
		}
		SpringApplication.run(PortcullisApplication.class, args);
	}

}
