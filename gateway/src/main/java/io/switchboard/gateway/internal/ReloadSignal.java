package io.switchboard.gateway.internal;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.lang.reflect.Method;
import java.lang.reflect.Proxy;

/**
 * Runs an action on SIGHUP ({@code kill -HUP <pid>}), the Unix convention for "reload your configuration". Uses
 * {@code sun.misc.Signal} reflectively: where the JVM or the platform does not offer it (Windows has no SIGHUP;
 * some JVMs reserve it), installation reports false and logs why, and the gateway runs on without it.
 */
public final class ReloadSignal {

    private static final Logger LOG = LoggerFactory.getLogger(ReloadSignal.class);

    private ReloadSignal() {
    }

    /**
     * @param action what to do on each SIGHUP; runs on the JVM's signal thread, so it should only start work
     * @return whether the handler was installed
     */
    public static boolean install(Runnable action) {
        try {
            Class<?> signal = Class.forName("sun.misc.Signal");
            Class<?> handlerType = Class.forName("sun.misc.SignalHandler");
            Object hup = signal.getConstructor(String.class).newInstance("HUP");
            Object handler = Proxy.newProxyInstance(handlerType.getClassLoader(), new Class<?>[] {handlerType},
                    (proxy, method, args) -> invoke(proxy, method, args, action));
            signal.getMethod("handle", signal, handlerType).invoke(null, hup, handler);
            LOG.info("SIGHUP reloads the chain configuration");
            return true;
        } catch (ReflectiveOperationException | LinkageError | RuntimeException e) {
            Throwable cause = e instanceof java.lang.reflect.InvocationTargetException ite && ite.getCause() != null
                    ? ite.getCause() : e;
            LOG.atInfo().setMessage("SIGHUP reload is not available here; use POST /api/chains/reload")
                    .addKeyValue("reason", cause.getClass().getSimpleName() + ": " + cause.getMessage()).log();
            return false;
        }
    }

    private static Object invoke(Object proxy, Method method, Object[] args, Runnable action) {
        switch (method.getName()) {
            case "handle":
                try {
                    action.run();
                } catch (RuntimeException e) {
                    LOG.warn("SIGHUP handler failed: {}", e.toString());
                }
                return null;
            case "hashCode":
                return System.identityHashCode(proxy);
            case "equals":
                return proxy == args[0];
            case "toString":
                return "ReloadSignal";
            default:
                return null;
        }
    }
}
