package io.authroutes.auth;

/**
 * What every start-up refusal is: a setting is missing or wrong, and the exception's message names the
 * key to fix and never a secret. One type for all of them (provider blocks, the store, the consoles,
 * step options), so the application, or any host, recognises a refusal with one check and reports it
 * as one line, without a stack trace, rather than as a crash.
 */
public interface ConfigurationRefusal {
}
