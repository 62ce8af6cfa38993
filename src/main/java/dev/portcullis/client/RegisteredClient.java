package dev.portcullis.client;

import java.time.Duration;
import java.util.List;

/** An authenticated service client: what it may ask for. */
record RegisteredClient(String id, List<String> scopes, List<String> audiences, Duration tokenTtl) {

}
