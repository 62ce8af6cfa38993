package dev.portcullis.email;

import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import io.micrometer.core.instrument.MeterRegistry;
import reactor.core.publisher.Mono;

import org.springframework.context.annotation.Bean;
import org.springframework.r2dbc.core.DatabaseClient;
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

	private final DatabaseClient db;

	private final MailTemplates templates;

	private final SecretBox secrets;

	private final String from;

	private final MeterRegistry meters;

	private final Clock clock;

	private final String messageIdDomain;

	Outbox(DatabaseClient db, MailTemplates templates, SecretBox secrets, EmailProperties properties,
			MeterRegistry meters, GatewayProperties gateway, Clock clock) {
		this.db = db;
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
		return this.db
			.sql("insert into email_outbox (id, message_id, recipient, subject, template, body, created_at, "
					+ "next_attempt_at) values (:id, :messageId, :recipient, :subject, :template, :body, :now, :now)")
			.bind("id", id)
			.bind("messageId", "<" + id + "@" + this.messageIdDomain + ">")
			.bind("recipient", recipient)
			.bind("subject", mail.subject())
			.bind("template", template.fileName())
			.bind("body", sealed)
			.bind("now", now)
			.then()
			.doOnSuccess((done) -> this.meters.counter("portcullis.email.queued", "template", template.fileName())
				.increment());
	}

	/**
	 * Queues the message only the first time this {@code key} is seen, ever: concurrent
	 * callers race on the primary key and exactly one inserts it.
	 */
	Mono<Void> enqueueOnce(String key, String recipient, MailTemplate template, Map<String, String> model) {
		return this.db
			.sql("insert into email_sent_once (key, created_at) values (:key, :now) "
					+ "on conflict do nothing returning key")
			.bind("key", key)
			.bind("now", this.clock.instant())
			.map((row, meta) -> row.get("key", String.class))
			.one()
			.flatMap((inserted) -> enqueue(recipient, template, model));
	}

}
