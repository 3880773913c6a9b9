package io.authroutes.monitoring;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import javax.security.auth.Subject;
import javax.security.auth.callback.Callback;
import javax.security.auth.callback.CallbackHandler;
import javax.security.auth.callback.NameCallback;
import javax.security.auth.callback.PasswordCallback;
import javax.security.auth.callback.UnsupportedCallbackException;
import javax.security.auth.login.FailedLoginException;
import javax.security.auth.login.LoginException;
import javax.security.auth.spi.LoginModule;
import org.eclipse.jetty.security.PropertyUserStore;
import org.eclipse.jetty.security.RolePrincipal;
import org.eclipse.jetty.security.UserPrincipal;
import org.eclipse.jetty.util.resource.ResourceFactory;

/**
 * Checks a user name and password against a Jetty users file ({@code user: password, role...}, the
 * password plain or {@code OBF:}/{@code MD5:}/{@code CRYPT:}). The file is read at each login, so an
 * edit takes effect without a restart. Jetty's own PropertyFileLoginModule works only inside Jetty's
 * JAASLoginService, which Hawtio does not use: Hawtio calls JAAS itself.
 */
public final class RealmLoginModule implements LoginModule {

    static final String FILE = "file";
    /** The role principals this module adds, for Hawtio's {@code rolePrincipalClasses}. */
    static final String ROLE_CLASS = RolePrincipal.class.getName();

    private Subject subject;
    private CallbackHandler callbacks;
    private Path usersFile;
    private UserPrincipal user;
    private List<RolePrincipal> roles = List.of();

    @Override
    public void initialize(Subject subject, CallbackHandler callbacks, Map<String, ?> sharedState, Map<String, ?> options) {
        this.subject = subject;
        this.callbacks = callbacks;
        this.usersFile = Path.of((String) options.get(FILE));
    }

    @Override
    public boolean login() throws LoginException {
        NameCallback name = new NameCallback("user");
        PasswordCallback password = new PasswordCallback("password", false);
        try {
            callbacks.handle(new Callback[] {name, password});
        } catch (IOException | UnsupportedCallbackException e) {
            throw (LoginException) new LoginException("Cannot ask for user name and password").initCause(e);
        }
        PropertyUserStore users = load();
        try {
            UserPrincipal candidate = name.getName() == null ? null : users.getUserPrincipal(name.getName());
            char[] given = password.getPassword();
            if (candidate == null || given == null || !candidate.authenticate(new String(given))) {
                throw new FailedLoginException("Unknown user or wrong password");
            }
            user = candidate;
            roles = users.getRolePrincipals(candidate.getName());
            return true;
        } finally {
            password.clearPassword();
            stop(users);
        }
    }

    @Override
    public boolean commit() {
        if (user == null) {
            return false;
        }
        user.configureSubject(subject);
        roles.forEach(role -> role.configureForSubject(subject));
        return true;
    }

    @Override
    public boolean abort() {
        user = null;
        roles = List.of();
        return true;
    }

    @Override
    public boolean logout() {
        if (user != null) {
            user.deconfigureSubject(subject);
            subject.getPrincipals().removeAll(roles);
        }
        return abort();
    }

    private PropertyUserStore load() throws LoginException {
        PropertyUserStore users = new PropertyUserStore();
        users.setConfig(ResourceFactory.root().newResource(usersFile));
        try {
            users.start();
            return users;
        } catch (Exception e) {
            throw (LoginException) new LoginException("Cannot read the users file " + usersFile).initCause(e);
        }
    }

    private static void stop(PropertyUserStore users) {
        try {
            users.stop();
        } catch (Exception ignored) {
            // nothing is held open: the store read the file at start
        }
    }
}
