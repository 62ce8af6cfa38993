package dev.portcullis.email;

import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import io.micrometer.core.instrument.MeterRegistry;
import reactor.core.publisher.Mono;

import org.springframework.context.annotation.Bean;
import org.springframework.stereotype.Component;

import dev.portcullis.crypto.SealedColumn;
import dev.portcullis.crypto.SecretBox;
import dev.portcullis.support.GatewayProperties;

/**
 * Queues outgoing mail in the {@code email_outbox} table. Called inside the transaction
 * of the change that causes the mail, so the mail exists exactly when the change does;
 * {@link OutboxDispatcher} delivers it later. The sender and the rendered bodies are
 * sealed under the master key ({@link SealedMail}) because a link in them may carry a
 * single-use token.
 */
@Component
class Outbox {

	private final OutboxStore store;

	private final MailTemplates templates;

	private final SecretBox secrets;

	private final String from;

	private final MeterRegistry meters;

	private final Clock clock;

	private final String messageIdDomain;

	Outbox(OutboxStore store, MailTemplates templates, SecretBox secrets, EmailProperties properties,
			MeterRegistry meters, GatewayProperties gateway, Clock clock) {
		this.store = store;
		this.templates = templates;
		this.secrets = secrets;
		this.from = properties.from();
		this.meters = meters;
		this.clock = clock;
		String host = URI.create(gateway.publicBase()).getHost();
		this.messageIdDomain = (host != null) ? host : "portcullis";
	}

	/** Declares the sealed column to the master-key re-seal. */
	@Bean
	static SealedColumn outboxBodyColumn() {
		return SealedMail.COLUMN;
	}

	/** Queues one message to {@code recipient}. */
	Mono<Void> enqueue(String recipient, MailTemplate template, Map<String, String> model) {
		RenderedMail mail = this.templates.render(template, model);
		Instant now = this.clock.instant();
		UUID id = UUID.randomUUID();
		String sealed = new SealedMail(this.from, mail.text(), mail.html()).seal(this.secrets, id);
		return this.store
			.insert(new OutboxStore.NewMessage(id, "<" + id + "@" + this.messageIdDomain + ">", recipient,
					mail.subject(), template.fileName(), sealed, now))
			.doOnSuccess((done) -> this.meters.counter("portcullis.email.queued", "template", template.fileName())
				.increment());
	}

	/**
	 * Queues the message only the first time this {@code key} is seen, ever: concurrent
	 * callers race on the primary key and exactly one inserts it.
	 */
	Mono<Void> enqueueOnce(String key, String recipient, MailTemplate template, Map<String, String> model) {
		return this.store.firstTime(key, this.clock.instant())
			.filter(Boolean::booleanValue)
			.flatMap((first) -> enqueue(recipient, template, model));
	}

}
