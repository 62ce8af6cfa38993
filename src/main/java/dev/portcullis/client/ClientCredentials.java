package dev.portcullis.client;

/**
 * A client id and the secret it presented, by {@code client_secret_basic} or
 * {@code client_secret_post}.
 */
public record ClientCredentials(String clientId, String secret) {

	@Override
	public String toString() {
		return "ClientCredentials[clientId=" + this.clientId + ", secret=<hidden>]";
	}

}
