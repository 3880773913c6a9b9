package io.authroutes.auth.camel;

import io.authroutes.auth.CredentialOption;
import io.authroutes.auth.ProviderAuth;
import java.util.List;
import org.apache.camel.Consumer;
import org.apache.camel.Processor;
import org.apache.camel.support.DefaultEndpoint;

/** An {@code authroutes:} step acting for one provider, named by the {@code provider} option. */
abstract class ProviderEndpoint extends DefaultEndpoint {

    private String provider;

    ProviderEndpoint(String uri, AuthroutesComponent component) {
        super(uri, component);
    }

    public String getProvider() {
        return provider;
    }

    /** The provider id this step acts for, e.g. {@code zont}. */
    public void setProvider(String provider) {
        this.provider = provider;
    }

    @Override
    public AuthroutesComponent getComponent() {
        return (AuthroutesComponent) super.getComponent();
    }

    ProviderAuth auth() {
        return getComponent().provider(provider);
    }

    void validate() {
        if (provider == null || provider.isBlank()) {
            throw new IllegalArgumentException(getEndpointUri() + " needs provider=<id>, e.g. provider={{id}} in a route template");
        }
    }

    /** The provider options this step reads when a token request is made, declared so they can be checked and masked. */
    List<CredentialOption> credentialsRead() {
        return List.of();
    }

    @Override
    public Consumer createConsumer(Processor processor) {
        throw new UnsupportedOperationException(getEndpointUri() + " is a step: use it in to:, not in from:");
    }
}
