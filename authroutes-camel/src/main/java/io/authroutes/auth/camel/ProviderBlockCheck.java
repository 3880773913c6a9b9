package io.authroutes.auth.camel;

import io.authroutes.auth.CredentialOption;
import io.authroutes.auth.ProviderProperties;
import java.util.Collection;

/**
 * A rule a provider block must pass before the app starts, contributed by a part of the app that knows
 * something the engine does not (the sandbox knows its demo credentials). Bound in the Camel registry;
 * run once per provider after its routes are built.
 * Not for applications (public for the standalone app's sandbox); may change.
 */
public interface ProviderBlockCheck {

    /** Throws {@link io.authroutes.auth.ProviderConfigurationException} naming the key to fix. */
    void check(ProviderProperties properties, Collection<CredentialOption> credentials);
}
