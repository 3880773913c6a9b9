package io.authroutes.monitoring;

import java.util.Arrays;
import java.util.Optional;
import javax.management.MBeanAttributeInfo;
import javax.management.MBeanInfo;
import javax.management.MBeanOperationInfo;
import javax.management.NotCompliantMBeanException;
import javax.management.StandardMBean;

/** A standard MBean whose attributes and operations carry the {@link Description}s of its interface. */
final class DescribedMBean<T> extends StandardMBean {

    private final Class<T> type;
    private final String description;

    DescribedMBean(T implementation, Class<T> type, String description) throws NotCompliantMBeanException {
        super(implementation, type);
        this.type = type;
        this.description = description;
    }

    @Override
    protected String getDescription(MBeanInfo info) {
        return description;
    }

    @Override
    protected String getDescription(MBeanAttributeInfo info) {
        return describe(info.isIs() ? "is" + info.getName() : "get" + info.getName()).orElse(info.getDescription());
    }

    @Override
    protected String getDescription(MBeanOperationInfo info) {
        return describe(info.getName()).orElse(info.getDescription());
    }

    private Optional<String> describe(String method) {
        return Arrays.stream(type.getMethods())
                .filter(m -> m.getName().equals(method))
                .map(m -> m.getAnnotation(Description.class))
                .filter(d -> d != null)
                .map(Description::value)
                .findFirst();
    }
}
