package io.authroutes.auth.camel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.authroutes.auth.InvalidSettingException;
import org.apache.camel.Endpoint;
import org.apache.camel.ResolveEndpointFailedException;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * An option given to an {@code authroutes:} step that does not read it is refused when the endpoint is
 * made (so when the provider's routes are built, at start), naming the option, the step and the steps
 * that read it, rather than set and silently ignored.
 */
class StepOptionsTest {

    private final DefaultCamelContext context = new DefaultCamelContext();

    @AfterEach
    void stop() throws Exception {
        context.close();
    }

    private String refusal(String uri) {
        Throwable thrown = catchThrowable(() -> context.getEndpoint(uri));
        // a configuration refusal, as every start-up refusal is: the app reports it as one line
        assertThat(thrown).isInstanceOf(ResolveEndpointFailedException.class).hasRootCauseInstanceOf(InvalidSettingException.class);
        return thrown.getCause().getMessage();
    }

    @Test
    void tokenStepWhenGivenTheCallsHeaderOptionThenRefusedNamingTheStepThatReadsIt() {
        assertThat(refusal("authroutes:token?provider=zont&header=X-ZONT-Token"))
                .isEqualTo("authroutes:token does not read the option header; it is read by authroutes:call");
    }

    @Test
    void callStepWhenGivenTheTokenAnswersOptionThenRefusedNamingTheStepThatReadsIt() {
        assertThat(refusal("authroutes:call?provider=zont&token=data.session.key"))
                .isEqualTo("authroutes:call does not read the option token; it is read by authroutes:token");
    }

    @Test
    void callStepWhenGivenARequestFieldThenRefusedNamingEveryStepThatWritesFields() {
        assertThat(refusal("authroutes:call?provider=zont&field.grant_type=password"))
                .isEqualTo("authroutes:call does not read the option field.grant_type;"
                        + " it is read by authroutes:form, authroutes:json, authroutes:query");
    }

    @Test
    void basicStepWhenGivenAHeaderStepOptionThenRefused() {
        assertThat(refusal("authroutes:basic?provider=zont&username=login&password=password&secretValue=@apiKey"))
                .isEqualTo("authroutes:basic does not read the option secretValue; it is read by authroutes:header");
    }

    @Test
    void optionOfTwoStepsWhenGivenToEitherThenAccepted() {
        Endpoint header = context.getEndpoint("authroutes:header?provider=zont&name=X-Api-Key&secretValue=@apiKey&prefix=ApiKey");
        Endpoint call = context.getEndpoint("authroutes:call?provider=zont&header=X-ZONT-Token&prefix=Token");

        assertThat(((AuthroutesEndpoint) header).getPrefix()).isEqualTo("ApiKey");
        assertThat(((AuthroutesEndpoint) call).getCall().getHeader()).isEqualTo("X-ZONT-Token");
    }

    @Test
    void optionOfEveryStepWhenGivenThenAccepted() {
        assertThat(context.getEndpoint("authroutes:token?provider=zont&lazyStartProducer=true")).isNotNull();
    }
}
