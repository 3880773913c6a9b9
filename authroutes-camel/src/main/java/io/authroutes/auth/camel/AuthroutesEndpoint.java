package io.authroutes.auth.camel;

import io.authroutes.auth.CredentialOption;
import io.authroutes.auth.InvalidSettingException;
import io.authroutes.auth.ProviderAuth;
import java.util.List;
import org.apache.camel.Category;
import org.apache.camel.Consumer;
import org.apache.camel.Processor;
import org.apache.camel.Producer;
import org.apache.camel.spi.Metadata;
import org.apache.camel.spi.UriEndpoint;
import org.apache.camel.spi.UriParam;
import org.apache.camel.spi.UriPath;
import org.apache.camel.support.DefaultEndpoint;

// One endpoint class for every step: Camel's catalog (and camel-component-maven-plugin) holds one endpoint
// per scheme, and users already write authroutes:call, authroutes:token...; each option is labelled with
// the steps that read it, so the generated reference (docs/options.md) shows one table per step.
/**
 * Obtain, apply and renew tokens of third-party REST APIs in a provider's routes: one step per endpoint,
 * acting for the provider named by the provider option (its providers.ID.* properties).
 */
@UriEndpoint(firstVersion = "0.1.0", scheme = AuthroutesComponent.NAME, title = "Authroutes",
        syntax = "authroutes:step", producerOnly = true, remote = false, category = {Category.HTTP, Category.SECURITY})
public class AuthroutesEndpoint extends DefaultEndpoint {

    @UriPath(description = "What the step does: call sends a call with a token; token reads a token endpoint's answer;"
            + " form, json and query write a token request's fields; basic sets Authorization: Basic; header sets one"
            + " request header from a provider option or the token being renewed; key makes a provider option (an API"
            + " key) the token",
            enums = "call,token,form,json,query,basic,header,key")
    @Metadata(required = true)
    private final String step;
    @UriParam(description = "The provider id this step acts for, e.g. zont; {{id}} in a route template")
    @Metadata(required = true)
    private String provider;
    @UriParam(label = "call,header", description = "Put before the value with a space, e.g. Bearer (RFC 6750 section 2.1)")
    private String prefix = "";
    @UriParam(label = "call,header", description = "Send the value as this cookie instead of a header, e.g. SESSIONID"
            + " (Cookie: SESSIONID=<value>): the token on calls, the step's value in a token route such as a logout. Cookies"
            + " of one request share one Cookie header (RFC 6265 section 5.4)")
    private String cookie;
    @UriParam
    private CallStep call = new CallStep();
    @UriParam
    private TokenAnswerStep tokenAnswer = new TokenAnswerStep();
    @UriParam
    private RequestFieldsStep requestFields = new RequestFieldsStep();
    @UriParam
    private BasicAuthStep basic = new BasicAuthStep();
    @UriParam
    private HeaderStep headerStep = new HeaderStep();
    @UriParam
    private ApiKeyStep apiKey = new ApiKeyStep();

    AuthroutesEndpoint(String uri, AuthroutesComponent component, String step) {
        super(uri, component);
        this.step = step;
    }

    public String getStep() {
        return step;
    }

    public String getProvider() {
        return provider;
    }

    public void setProvider(String provider) {
        this.provider = provider;
    }

    public String getPrefix() {
        return prefix;
    }

    public void setPrefix(String prefix) {
        this.prefix = prefix;
    }

    public String getCookie() {
        return cookie;
    }

    public void setCookie(String cookie) {
        this.cookie = cookie == null || cookie.isBlank() ? null : cookie.trim();
    }

    public CallStep getCall() {
        return call;
    }

    public void setCall(CallStep call) {
        this.call = call;
    }

    public TokenAnswerStep getTokenAnswer() {
        return tokenAnswer;
    }

    public void setTokenAnswer(TokenAnswerStep tokenAnswer) {
        this.tokenAnswer = tokenAnswer;
    }

    public RequestFieldsStep getRequestFields() {
        return requestFields;
    }

    public void setRequestFields(RequestFieldsStep requestFields) {
        this.requestFields = requestFields;
    }

    public BasicAuthStep getBasic() {
        return basic;
    }

    public void setBasic(BasicAuthStep basic) {
        this.basic = basic;
    }

    public HeaderStep getHeaderStep() {
        return headerStep;
    }

    public void setHeaderStep(HeaderStep headerStep) {
        this.headerStep = headerStep;
    }

    public ApiKeyStep getApiKey() {
        return apiKey;
    }

    public void setApiKey(ApiKeyStep apiKey) {
        this.apiKey = apiKey;
    }

    /** The step this endpoint is, as its path names it. */
    Step behaviour() {
        return switch (step) {
            case "call" -> call;
            case "token" -> tokenAnswer;
            case "form", "json", "query" -> requestFields;
            case "basic" -> basic;
            case "header" -> headerStep;
            case "key" -> apiKey;
            default -> throw new InvalidSettingException("Unknown authroutes step '" + step + "' in " + getEndpointUri()
                    + "; use call, token, form, json, query, basic, header or key");
        };
    }

    /** The value with {@link #getPrefix() prefix} before it, as a header carries it. */
    String prefixed(String value) {
        return prefix == null || prefix.isBlank() ? value : prefix.trim() + " " + value;
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
            throw new InvalidSettingException(getEndpointUri() + " needs provider=<id>, e.g. provider: \"{{id}}\" in a route template");
        }
        behaviour().validate(this);
    }

    List<CredentialOption> credentialsRead() {
        return behaviour().credentialsRead(this);
    }

    @Override
    public Producer createProducer() {
        return behaviour().createProducer(this);
    }

    @Override
    public Consumer createConsumer(Processor processor) {
        throw new UnsupportedOperationException(getEndpointUri() + " is a step: use it in to:, not in from:");
    }
}
