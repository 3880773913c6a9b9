package io.authroutes.monitoring;

import java.security.AccessController;
import java.security.Principal;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.management.MalformedObjectNameException;
import javax.management.ObjectName;
import javax.management.openmbean.CompositeDataSupport;
import javax.management.openmbean.CompositeType;
import javax.management.openmbean.OpenDataException;
import javax.management.openmbean.OpenType;
import javax.management.openmbean.SimpleType;
import javax.management.openmbean.TabularData;
import javax.management.openmbean.TabularDataSupport;
import javax.management.openmbean.TabularType;
import javax.security.auth.Subject;

/**
 * Who may change things through Hawtio (design, "Monitoring"): every user who logs in reads (route
 * diagrams and their statistics included); only
 * users with one of {@code hawtio.operatorRoles} (default {@code admin}) write attributes or call
 * operations, such as a provider's {@code invalidate} and {@code renewNow}, or a route's
 * {@code start} and {@code stop}. Hawtio's own questions (its MBeans in the {@code hawtio} domain,
 * which change nothing) are open to all. Registered as Hawtio's JMXSecurity MBean: Hawtio's Jolokia
 * restrictor enforces the answer on the server, and its UI greys out what a user may not do. Roles are
 * the principals of the login (Hawtio runs each request as the logged-in JAAS subject) whose class is
 * one of {@code hawtio.rolePrincipalClasses}.
 */
final class HawtioRoles implements HawtioRolesMBean {

    /** Hawtio uses a JMXSecurity MBean found under this pattern whose name does not contain "HawtioDummy". */
    static final String OBJECT_NAME = "hawtio:type=security,area=jmx,name=AuthroutesRoles";
    private static final String[] COLUMNS = {"ObjectName", "Method", "CanInvoke"};
    private static final TabularType TABLE = table();
    /**
     * Operations that only read, which Hawtio's Route Diagram and Source tabs call: every user may. The
     * route XML only without arguments (placeholders unresolved); jolokia-access.xml allows the same.
     */
    static final Set<String> READ_ONLY_OPERATIONS = Set.of("dumpRoutesStatsAsXml", "dumpRouteStatsAsXml");
    static final String ROUTES_XML = "dumpRoutesAsXml";

    private final Set<String> operatorRoles;
    private final Set<String> rolePrincipalClasses;

    HawtioRoles(Set<String> operatorRoles, Set<String> rolePrincipalClasses) {
        this.operatorRoles = Set.copyOf(operatorRoles);
        this.rolePrincipalClasses = Set.copyOf(rolePrincipalClasses);
    }

    static ObjectName objectName() {
        try {
            return new ObjectName(OBJECT_NAME);
        } catch (MalformedObjectNameException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public boolean canInvoke(String objectName) {
        // every user may at least read every MBean
        return true;
    }

    @Override
    public boolean canInvoke(String objectName, String methodName) {
        return canInvoke(objectName, methodName, new String[0]);
    }

    @Override
    public boolean canInvoke(String objectName, String methodName, String[] argumentTypes) {
        boolean getter = argumentTypes.length == 0 && (methodName.startsWith("get") || methodName.startsWith("is"));
        boolean read = READ_ONLY_OPERATIONS.contains(methodName) || argumentTypes.length == 0 && methodName.equals(ROUTES_XML);
        return getter || read || objectName.startsWith("hawtio:") || isOperator();
    }

    @Override
    public TabularData canInvoke(Map<String, List<String>> bulkQuery) {
        TabularData answer = new TabularDataSupport(TABLE);
        bulkQuery.forEach((objectName, methods) -> {
            if (methods.isEmpty()) {
                answer.put(row(objectName, "", canInvoke(objectName)));
            }
            for (String method : methods) {
                int open = method.indexOf('(');
                String name = open < 0 ? method : method.substring(0, open);
                boolean noArguments = open < 0 || method.indexOf(')') == open + 1;
                answer.put(row(objectName, method, canInvoke(objectName, name, noArguments ? new String[0] : new String[] {"?"})));
            }
        });
        return answer;
    }

    @SuppressWarnings("removal") // Subject.current() arrives in Java 18; Hawtio itself reads the subject this way
    private boolean isOperator() {
        Subject subject = Subject.getSubject(AccessController.getContext());
        if (subject == null) {
            return false;
        }
        for (Principal principal : subject.getPrincipals()) {
            if (rolePrincipalClasses.contains(principal.getClass().getName()) && operatorRoles.contains(principal.getName())) {
                return true;
            }
        }
        return false;
    }

    private static CompositeDataSupport row(String objectName, String method, boolean allowed) {
        try {
            return new CompositeDataSupport(TABLE.getRowType(), COLUMNS, new Object[] {objectName, method, allowed});
        } catch (OpenDataException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The table type of Hawtio's JMXSecurityMBean.CAN_INVOKE_TABULAR_TYPE, column for column. */
    private static TabularType table() {
        try {
            CompositeType row = new CompositeType("CanInvokeRowType", "The rows of a CanInvokeTabularType table.", COLUMNS,
                    new String[] {"The ObjectName of the MBean checked", "The method checked", "true if the user may call it"},
                    new OpenType<?>[] {SimpleType.STRING, SimpleType.STRING, SimpleType.BOOLEAN});
            return new TabularType("CanInvokeTabularType", "Result of canInvoke() bulk operation", row, new String[] {"ObjectName", "Method"});
        } catch (OpenDataException e) {
            throw new IllegalStateException(e);
        }
    }
}
