package dev.portcullis.email;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.EnumMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.springframework.core.io.ClassPathResource;
import org.springframework.stereotype.Component;
import org.springframework.web.util.HtmlUtils;

/**
 * Renders the plain-text and HTML bodies of a {@link MailTemplate}. Placeholders are
 * {@code {{name}}}; values are HTML-escaped in the HTML body. Templates are read once, at
 * startup, so rendering costs no I/O.
 */
@Component
class MailTemplates {

	private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{([a-zA-Z]+)}}");

	private final Map<MailTemplate, String[]> templates = new EnumMap<>(MailTemplate.class);

	MailTemplates() {
		for (MailTemplate template : MailTemplate.values()) {
			String text = read(template.fileName() + ".txt");
			if (!text.startsWith("Subject: ")) {
				throw new IllegalStateException("email/" + template.fileName() + ".txt must start with 'Subject: '");
			}
			int end = text.indexOf('\n');
			String subject = text.substring("Subject: ".length(), end).trim();
			String body = text.substring(end + 1).strip() + "\n";
			this.templates.put(template, new String[] { subject, body, read(template.fileName() + ".html") });
		}
	}

	RenderedMail render(MailTemplate template, Map<String, String> model) {
		String[] parts = this.templates.get(template);
		String html = "<!DOCTYPE html>\n<html><body style=\"font-family: sans-serif\">\n" + fill(parts[2], model, true)
				+ "</body></html>\n";
		return new RenderedMail(fill(parts[0], model, false), fill(parts[1], model, false), html);
	}

	private static String fill(String template, Map<String, String> model, boolean html) {
		Matcher matcher = PLACEHOLDER.matcher(template);
		StringBuilder out = new StringBuilder();
		while (matcher.find()) {
			String value = model.getOrDefault(matcher.group(1), "");
			matcher.appendReplacement(out, Matcher.quoteReplacement(html ? HtmlUtils.htmlEscape(value) : value));
		}
		matcher.appendTail(out);
		return out.toString();
	}

	private static String read(String name) {
		try (InputStream in = new ClassPathResource("email/" + name).getInputStream()) {
			return new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new IllegalStateException("Missing mail template email/" + name, ex);
		}
	}

}
