package io.authroutes.auth.camel;

import io.authroutes.auth.CredentialOption;
import java.util.List;
import org.apache.camel.Producer;

/** What one {@code authroutes:<step>} does with the options labelled for it in the component's catalog. */
interface Step {

    /** Throws, naming the option to fix, when the step's options cannot work. */
    void validate(AuthroutesEndpoint endpoint);

    /** The provider options this step reads when a request is made, declared so they can be checked and masked. */
    default List<CredentialOption> credentialsRead(AuthroutesEndpoint endpoint) {
        return List.of();
    }

    Producer createProducer(AuthroutesEndpoint endpoint);
}
