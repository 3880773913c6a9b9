package io.authroutes.monitoring;

import java.nio.file.Path;
import java.util.Map;
import javax.security.auth.login.AppConfigurationEntry;
import javax.security.auth.login.AppConfigurationEntry.LoginModuleControlFlag;
import javax.security.auth.login.Configuration;

/**
 * The JAAS realm Hawtio logs users in with, backed by a users file in Jetty's format
 * ({@code user: password, role...}; passwords may be {@code OBF:}, {@code MD5:} or {@code CRYPT:}).
 * Installed in front of whatever JAAS configuration the JVM already has, which keeps its other realms.
 */
final class PropertiesRealm extends Configuration {

    private final String realm;
    private final Path usersFile;
    private final Configuration others;

    private PropertiesRealm(String realm, Path usersFile, Configuration others) {
        this.realm = realm;
        this.usersFile = usersFile;
        this.others = others;
    }

    static void install(String realm, Path usersFile) {
        Configuration.setConfiguration(new PropertiesRealm(realm, usersFile.toAbsolutePath(), existing()));
    }

    private static Configuration existing() {
        try {
            return Configuration.getConfiguration();
        } catch (SecurityException noneConfigured) {
            return null;
        }
    }

    @Override
    public AppConfigurationEntry[] getAppConfigurationEntry(String name) {
        if (realm.equals(name)) {
            return new AppConfigurationEntry[] {new AppConfigurationEntry(RealmLoginModule.class.getName(),
                    LoginModuleControlFlag.REQUIRED, Map.of(RealmLoginModule.FILE, usersFile.toString()))};
        }
        return others == null ? null : others.getAppConfigurationEntry(name);
    }
}
