package io.authroutes.monitoring;

import java.util.List;
import java.util.Map;
import javax.management.openmbean.TabularData;

/**
 * The contract of Hawtio's JMXSecurity MBean ({@code io.hawt.jmx.JMXSecurityMBean}, Hawtio 4.2), by
 * which Hawtio asks whether the logged-in user may call an MBean method: its Jolokia restrictor
 * ({@code io.hawt.system.RBACRestrictor}) before every read, write and operation, and its UI to decide
 * which buttons to offer. Matched by name and signature over JMX, so Hawtio's classes are not needed here.
 */
public interface HawtioRolesMBean {

    /** Whether the user may call at least one method of the MBean. */
    boolean canInvoke(String objectName);

    /** Whether the user may call some overload of the method. */
    boolean canInvoke(String objectName, String methodName);

    boolean canInvoke(String objectName, String methodName, String[] argumentTypes);

    /** For each MBean, each method asked about; rows {ObjectName, Method, CanInvoke}. */
    TabularData canInvoke(Map<String, List<String>> bulkQuery);
}
